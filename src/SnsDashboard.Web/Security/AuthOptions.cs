using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Web.Security;

/// <summary>The <c>Auth</c> configuration section. Users and API keys come from configuration or
/// the environment (e.g. <c>Auth__Users__0__PasswordHash</c>), never from the database, and are
/// never logged.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>One-click sign-in as a demo operator/analyst/admin, for the embedded default. It
    /// only works while every address the host listens on is a loopback address and the browser
    /// connects from loopback too; otherwise it is switched off with a warning.</summary>
    public bool DemoSignIn { get; set; }

    public List<UserAccount> Users { get; set; } = [];

    /// <summary>Keys for other systems (hub subscribers, scripts): sent as
    /// <c>Authorization: Bearer &lt;key&gt;</c>, or as <c>access_token</c> on hub connections.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];

    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 12;
}

public sealed class UserAccount
{
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Role { get; set; } = DashboardRoles.Operator;
    /// <summary>From <c>sns auth hash-password</c>; never the password itself.</summary>
    public string PasswordHash { get; set; } = "";
}

public sealed class ApiKey
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string Role { get; set; } = DashboardRoles.Operator;
}
