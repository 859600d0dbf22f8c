namespace SnsDashboard.Web.Security;

/// <summary>Only local paths are followed after sign-in or a language switch: the target comes
/// from the query string, and an absolute or protocol-relative URL would be an open redirect.</summary>
public static class SafeReturnUrl
{
    public static string From(string? url) =>
        url is { Length: > 0 } u && u.StartsWith('/') && !u.StartsWith("//") && !u.StartsWith("/\\") ? u : "/";
}
