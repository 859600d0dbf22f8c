using System.Security.Cryptography;

namespace SnsDashboard.Core.Security;

/// <summary>
/// Password hashes for the users listed in configuration, in the self-describing form
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>, so configuration never holds a
/// password in clear and the iteration count can rise later without breaking stored hashes.
/// </summary>
public static class PasswordHashing
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 210_000; // OWASP 2023 guidance for PBKDF2-HMAC-SHA256
    private const int SaltBytes = 16, HashBytes = 32;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="password"/> matches; false for a wrong password and for
    /// a malformed or unknown hash (a broken configuration entry must not let anyone in).</summary>
    public static bool Verify(string password, string? encoded)
    {
        if (string.IsNullOrEmpty(password) || !TryParse(encoded, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static bool IsWellFormed(string? encoded) => TryParse(encoded, out _, out _, out _);

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0; salt = hash = [];
        var parts = encoded?.Split('$');
        if (parts is not [Scheme, var it, var s, var h] || !int.TryParse(it, out iterations) || iterations < 10_000) return false;
        try
        {
            salt = Convert.FromBase64String(s);
            hash = Convert.FromBase64String(h);
        }
        catch (FormatException) { return false; }
        return salt.Length >= 8 && hash.Length >= 16;
    }
}
