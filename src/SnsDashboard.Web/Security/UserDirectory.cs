using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Security;

namespace SnsDashboard.Web.Security;

/// <summary>Checks credentials against the configured users and API keys and builds the
/// principal the rest of the app sees (name + role claims). Misconfigured entries (unknown role,
/// malformed hash, short key) are refused at start by <see cref="AuthOptionsValidator"/>.</summary>
public sealed class UserDirectory(IOptions<AuthOptions> options)
{
    public static readonly string[] DemoRoles = [DashboardRoles.Operator, DashboardRoles.Analyst, DashboardRoles.Admin];

    public ClaimsPrincipal? CheckPassword(string name, string password)
    {
        var user = options.Value.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        // Verify against a dummy hash for unknown names so timing does not reveal which names exist.
        var ok = PasswordHashing.Verify(password, user?.PasswordHash ?? DummyHash.Value);
        return ok && user is not null ? Principal(user.Name, user.DisplayName ?? user.Name, user.Role, "password") : null;
    }

    public static ClaimsPrincipal Demo(string role) => Principal("demo-" + role, "demo " + role, role, "demo");

    public ClaimsPrincipal? CheckApiKey(string presented, string scheme)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var key in options.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key))))
                return Principal("apikey-" + key.Name, key.Name, key.Role, scheme);
        }
        return null;
    }

    public static bool IsKnownRole(string? role) => DemoRoles.Contains(role);

    private static ClaimsPrincipal Principal(string name, string displayName, string role, string authType) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.GivenName, displayName),
            new Claim(ClaimTypes.Role, role),
        ], authType, ClaimTypes.Name, ClaimTypes.Role));

    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));
}

/// <summary>Refuses to start with a configuration that would silently lock people out or let
/// them in: unknown roles, malformed hashes, duplicated names, short API keys.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions o)
    {
        var errors = new List<string>();
        for (var i = 0; i < o.Users.Count; i++)
        {
            var u = o.Users[i];
            if (string.IsNullOrWhiteSpace(u.Name)) errors.Add($"Auth:Users:{i}:Name is empty.");
            if (!UserDirectory.IsKnownRole(u.Role)) errors.Add($"Auth:Users:{i}:Role '{u.Role}' is not one of operator, analyst, admin.");
            if (!PasswordHashing.IsWellFormed(u.PasswordHash)) errors.Add($"Auth:Users:{i}:PasswordHash is not a hash from `sns auth hash-password`.");
        }
        foreach (var dup in o.Users.GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"Auth:Users: the name '{dup.Key}' appears {dup.Count()} times.");
        for (var i = 0; i < o.ApiKeys.Count; i++)
        {
            var k = o.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(k.Name)) errors.Add($"Auth:ApiKeys:{i}:Name is empty.");
            if (k.Key.Length < 24) errors.Add($"Auth:ApiKeys:{i}:Key is shorter than 24 characters.");
            if (!UserDirectory.IsKnownRole(k.Role)) errors.Add($"Auth:ApiKeys:{i}:Role '{k.Role}' is not one of operator, analyst, admin.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
