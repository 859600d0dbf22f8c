using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SnsDashboard.Web.Ingest;

/// <summary>
/// X-Ingest-Signature: <c>sha256=&lt;hex HMAC-SHA256 of "&lt;timestamp&gt;.&lt;raw body&gt;"&gt;</c>
/// with X-Ingest-Timestamp in unix seconds, at most the tolerance away from our clock (replays of
/// a captured request are refused after that). Comparison is constant-time.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Ingest-Timestamp";
    public const string SignatureHeader = "X-Ingest-Signature";

    /// <summary>Null when valid, else the reason (safe to return to the sender).</summary>
    public static string? Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestamp)) return $"missing {TimestampHeader}";
        if (string.IsNullOrEmpty(signature)) return $"missing {SignatureHeader}";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)) return $"{TimestampHeader} is not unix seconds";
        if (Math.Abs(now.ToUnixTimeSeconds() - unix) > tolerance.TotalSeconds) return $"{TimestampHeader} more than {tolerance.TotalSeconds:0} s from server time";
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal)) return $"{SignatureHeader} must start with sha256=";
        byte[] given;
        try { given = Convert.FromHexString(signature.AsSpan(7)); }
        catch (FormatException) { return $"{SignatureHeader} is not hex"; }
        var expected = Compute(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? null : "signature mismatch";
    }

    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    public static string Header(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(Compute(secret, timestamp, body));
}
