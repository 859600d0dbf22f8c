using SnsDashboard.Sources.Live;

namespace SnsDashboard.Web.Components.Pages.SourceAdmin;

/// <summary>The "Sources:*" configuration as rows for the admin page, with every secret masked.
/// A key is secret when its last segment names a token, secret, password or key — so a new
/// secret setting is masked without anyone remembering to list it.</summary>
public static class SourceSettings
{
    private static readonly string[] SecretWords = ["token", "secret", "password", "apikey", "key"];

    public static IReadOnlyList<SourceSetting> Read(IConfiguration config)
    {
        var rows = new List<SourceSetting>();
        foreach (var (key, value) in config.GetSection("Sources").AsEnumerable(makePathsRelative: false))
        {
            if (value is null) continue;
            var leaf = key[(key.LastIndexOf(':') + 1)..];
            var secret = IsSecret(leaf);
            rows.Add(new SourceSetting(key, secret ? SecretMask.Mask(value) : value, secret));
        }
        return rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    public static bool IsSecret(string leaf)
    {
        var lower = leaf.ToLowerInvariant();
        return SecretWords.Any(w => lower.EndsWith(w, StringComparison.Ordinal));
    }
}

public sealed record SourceSetting(string Key, string Value, bool Secret);
