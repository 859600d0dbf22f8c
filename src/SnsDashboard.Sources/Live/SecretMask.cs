namespace SnsDashboard.Sources.Live;

/// <summary>How secrets (tokens, HMAC keys) appear anywhere a human can see them: only whether
/// one is set. Not even a suffix is shown: screenshots of the admin page get shared.</summary>
public static class SecretMask
{
    public const string Set = "********";
    public const string NotSet = "—";

    public static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? NotSet : Set;
}
