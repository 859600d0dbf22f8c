namespace SnsDashboard.Core.Reliability;

/// <summary>Immutable registry of official/media accounts and pre-registered reporters.</summary>
/// <remarks>Accounts are allowlisted by platform account id (never by display name): a look-alike
/// account with the same name gets nothing.</remarks>
public sealed class AccountRegistry
{
    private Dictionary<(string Source, string Id), RegisteredAccount>? _byKey;

    public required string Version { get; init; }
    public IReadOnlyList<RegisteredAccount> Accounts { get; init; } = [];

    public static AccountRegistry FromEntries(string version, IEnumerable<RegisteredAccount> accounts)
    {
        var r = new AccountRegistry { Version = version, Accounts = accounts.ToArray() };
        _ = r.ByKey;
        return r;
    }

    /// <summary>The built-in demo registry (source "x"): JMA, Kumamoto prefecture and cities, utility, rail, media.</summary>
    public static AccountRegistry CreateDefault() => FromEntries("demo-1",
    [
        Official("x-jma", "気象庁"),
        Official("x-kumamoto-pref", "熊本県"),
        Official("x-kumamoto-city", "熊本市"),
        Official("x-mashiki-town", "益城町"),
        Official("x-hitoyoshi-city", "人吉市"),
        Official("x-kurume-city", "久留米市"),
        Official("x-takeo-city", "武雄市"),
        Official("x-kyuden-td", "九州電力送配電", "utility"),
        Official("x-jr-kyushu", "JR九州", "rail"),
        new("x", "x-nhk-news", "NHKニュース", AccountKinds.Media),
        new("x", "x-kkt-news", "KKT熊本県民テレビ", AccountKinds.Media),
        new("x", "x-nishinippon", "西日本新聞", AccountKinds.Media),
    ]);

    private static RegisteredAccount Official(string id, string name, string? sector = null) =>
        new("x", id, name, AccountKinds.Official) { Sector = sector ?? "government" };

    public RegisteredAccount? Find(string source, string accountId) => ByKey.GetValueOrDefault((source, accountId));

    private Dictionary<(string, string), RegisteredAccount> ByKey
    {
        get
        {
            var d = Volatile.Read(ref _byKey);
            if (d is not null) return d;
            d = new Dictionary<(string, string), RegisteredAccount>();
            foreach (var a in Accounts) d[(a.Source, a.AccountId)] = a;
            Interlocked.CompareExchange(ref _byKey, d, null);
            return _byKey!;
        }
    }
}

/// <summary>An account we know. <see cref="Kind"/> is one of <see cref="AccountKinds"/>;
/// <see cref="ConfirmedReports"/>/<see cref="RefutedReports"/> are the track record of a reporter.</summary>
public sealed record RegisteredAccount(string Source, string AccountId, string Name, string Kind)
{
    /// <summary>government | utility | rail | … (officials only).</summary>
    public string? Sector { get; init; }
    public int ConfirmedReports { get; init; }
    public int RefutedReports { get; init; }
}

public static class AccountKinds
{
    /// <summary>On the official allowlist: source grade A.</summary>
    public const string Official = "official";
    /// <summary>Major media: source grade B.</summary>
    public const string Media = "media";
    /// <summary>Pre-registered citizen reporter: C, B with ≥5 confirmed and no refuted reports.</summary>
    public const string Reporter = "reporter";
}
