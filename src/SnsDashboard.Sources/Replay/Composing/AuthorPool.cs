using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// The fictitious residents of a scenario plus the real-named official and media accounts
/// (ids exactly as the account registry expects them). Deterministic for a given random.
/// </summary>
internal sealed class AuthorPool
{
    public const string Mastodon = "mastodon:mstdn.example.jp";
    public const string Misskey = "misskey:misskey.example.jp";

    private static readonly (string Id, string Name, string Kind)[] OfficialAccounts =
    [
        ("x-jma", "気象庁", "government"),
        ("x-kumamoto-pref", "熊本県", "government"),
        ("x-kumamoto-city", "熊本市", "government"),
        ("x-mashiki-town", "益城町", "government"),
        ("x-hitoyoshi-city", "人吉市", "government"),
        ("x-kurume-city", "久留米市", "government"),
        ("x-takeo-city", "武雄市", "government"),
        ("x-kyuden-td", "九州電力送配電", "business"),
        ("x-jr-kyushu", "JR九州", "business"),
        ("x-nhk-news", "NHKニュース", "business"),
        ("x-kkt-news", "KKT熊本県民テレビ", "business"),
        ("x-nishinippon", "西日本新聞", "business"),
    ];

    private static readonly string[] Syllables =
        ["ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi", "tsu", "te", "to", "na", "ni", "no",
         "ha", "hi", "fu", "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "n"];
    private static readonly string[] GivenNames =
        ["たろう", "はなこ", "みー", "けん", "ゆう", "さくら", "あや", "まさ", "りょう", "なお", "ひろ", "まい", "しょう", "あっちゃん",
         "ゆき", "かず", "ともみ", "じゅん", "なつ", "こうへい", "めぐ", "たけし", "えり", "そら", "ゆうた", "みか", "だいすけ", "ちひろ"];
    private static readonly string[] NameDecorations = ["", "", "", "🌸", "☕", "🐈", "⚽", "🎮", "📷", "🍜", "(社会人)", "(大学生)", "＠ゆるく生きる"];
    private static readonly string[] BskyAlphabet = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "2", "3", "4", "5", "6", "7"];

    private readonly Dictionary<string, ComposerAuthor> _officials = new(StringComparer.Ordinal);

    public IReadOnlyList<ComposerAuthor> Residents { get; }
    public IReadOnlyList<ComposerAuthor> RumourAccounts { get; }
    public IReadOnlyList<ComposerAuthor> XResidents { get; }

    public AuthorPool(Random rng, string idPrefix, int residents, IReadOnlyList<Place> homeArea, DateTimeOffset eventStart)
    {
        foreach (var (id, name, kind) in OfficialAccounts)
        {
            var media = kind == "business" && (id.Contains("news") || id.Contains("nishinippon"));
            _officials[id] = new ComposerAuthor("x", new PostAuthor
            {
                Id = id, Handle = id, DisplayName = name,
                ProfileUrl = $"https://x.com/{id}",
                FollowersCount = id == "x-nhk-news" ? 3_400_000 : id == "x-jma" ? 2_100_000 : 40_000 + name.Length * 11_000,
                FollowingCount = 30, PostsCount = 20_000 + name.Length * 1_500,
                AccountCreatedAt = new DateTimeOffset(2011, 3, 1 + name.Length, 10, 0, 0, TimeSpan.FromHours(9)),
                IsBot = false, Verified = true, VerifiedKind = kind,
                ProfileLocationText = name.EndsWith("市") || name.EndsWith("町") || name.EndsWith("県") ? name : null,
            }, media ? AuthorRole.Media : AuthorRole.Official);
        }

        var list = new List<ComposerAuthor>(residents);
        var reporter = 101;
        for (var i = 0; i < residents; i++)
        {
            var roll = rng.NextDouble();
            var source = roll < 0.80 ? "x" : roll < 0.88 ? "bluesky" : roll < 0.95 ? Mastodon : Misskey;
            var handle = MakeHandle(rng);
            var created = new DateTimeOffset(2009, 1, 1, 0, 0, 0, TimeSpan.FromHours(9))
                .AddDays(rng.Next(0, 16 * 365)).AddMinutes(rng.Next(0, 1440));
            var home = rng.NextDouble() < 0.45 ? homeArea[rng.Next(homeArea.Count)] : null;
            var followers = rng.NextDouble() < 0.03 ? rng.Next(10_000, 120_000) : (int)Math.Exp(rng.NextDouble() * 8.2);
            string? reporterId = null;
            if (reporter <= 120 && rng.NextDouble() < 0.06) reporterId = $"SR-{reporter++}";
            list.Add(new ComposerAuthor(source, MakeProfile(rng, source, idPrefix, i, handle, created, followers, home, reporterId), AuthorRole.Resident));
        }
        Residents = list;
        XResidents = list.Where(a => a.Source == "x").ToList();

        var rumour = new List<ComposerAuthor>();
        for (var i = 0; i < 24; i++)
        {
            var source = i % 6 == 5 ? "bluesky" : "x";
            var handle = MakeHandle(rng) + "_" + rng.Next(1000, 9999);
            var created = eventStart.AddMinutes(rng.Next(2, 40)).AddSeconds(rng.Next(60));
            rumour.Add(new ComposerAuthor(source, MakeProfile(rng, source, idPrefix + "9", i, handle, created, rng.Next(0, 25), null, null), AuthorRole.RumourAccount));
        }
        RumourAccounts = rumour;
    }

    public ComposerAuthor Official(string id) => _officials[id];

    /// <summary>A resident posting on <paramref name="source"/> (reposts stay on their platform).</summary>
    public ComposerAuthor ResidentOn(Random rng, string source)
    {
        if (source == "x") return XResidents[rng.Next(XResidents.Count)];
        while (true)
        {
            var a = Residents[rng.Next(Residents.Count)];
            if (a.Source == source) return a;
        }
    }

    public ComposerAuthor RandomResident(Random rng) => Residents[rng.Next(Residents.Count)];

    /// <summary>A resident other than <paramref name="except"/> (copy-pasters are different accounts).</summary>
    public ComposerAuthor OtherResident(Random rng, ComposerAuthor except)
    {
        while (true)
        {
            var a = Residents[rng.Next(Residents.Count)];
            if (!ReferenceEquals(a, except)) return a;
        }
    }

    private static string MakeHandle(Random rng)
    {
        var parts = rng.Next(2, 5);
        var s = "";
        for (var i = 0; i < parts; i++) s += Syllables[rng.Next(Syllables.Length)];
        return rng.Next(3) switch { 0 => s, 1 => s + "_" + rng.Next(10, 99), _ => s + rng.Next(100, 9999) };
    }

    private static PostAuthor MakeProfile(Random rng, string source, string idPrefix, int index, string handle,
        DateTimeOffset created, int followers, Place? home, string? reporterId)
    {
        var display = GivenNames[rng.Next(GivenNames.Length)] + NameDecorations[rng.Next(NameDecorations.Length)];
        if (home is not null && rng.NextDouble() < 0.3) display += "@" + home.City;
        string id, profileUrl, fullHandle = handle;
        switch (source)
        {
            case "x":
                id = $"{idPrefix}{index:D6}";
                profileUrl = $"https://x.com/{handle}";
                break;
            case "bluesky":
                var did = "did:plc:";
                for (var i = 0; i < 24; i++) did += BskyAlphabet[rng.Next(BskyAlphabet.Length)];
                id = did;
                fullHandle = handle + ".bsky.social";
                profileUrl = $"https://bsky.app/profile/{fullHandle}";
                break;
            case Mastodon:
                id = $"https://mstdn.example.jp/users/{handle}";
                profileUrl = $"https://mstdn.example.jp/@{handle}";
                break;
            default:
                id = $"misskey.example.jp/{idPrefix}{index:x6}";
                profileUrl = $"https://misskey.example.jp/@{handle}";
                break;
        }
        return new PostAuthor
        {
            Id = id, Handle = fullHandle, DisplayName = display, ProfileUrl = profileUrl,
            FollowersCount = followers, FollowingCount = rng.Next(0, 1200), PostsCount = rng.Next(5, 40_000),
            AccountCreatedAt = created, IsBot = false, Verified = false, VerifiedKind = "none",
            RegisteredReporterId = reporterId,
            ProfileLocationText = home is null ? null : rng.NextDouble() < 0.5 ? home.City : home.Pref + home.City,
        };
    }
}
