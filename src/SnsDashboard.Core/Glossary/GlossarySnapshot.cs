using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Glossary;

/// <summary>An immutable, compiled glossary version. Swapped atomically when analysts publish.</summary>
/// <remarks>Build one with <see cref="GlossaryLoader"/>; the search index is compiled once, on first
/// use, and shared by every thread.</remarks>
public sealed class GlossarySnapshot
{
    /// <summary>Location cues (§B.4 modifiers) that make a rescue request concrete enough to survive an exclusion.</summary>
    public static readonly IReadOnlyList<string> DefaultLocationCues =
    [
        "丁目", "番地", "交差点", "付近", "駅前", "駅", "小学校", "中学校", "高校", "公民館", "役場", "市役所", "区役所", "団地",
        "マンション", "アパート", "公園", "橋",
    ];

    private CompiledGlossary? _compiled;

    public required string Version { get; init; }
    public IReadOnlyList<GlossaryTerm> Terms { get; init; } = [];
    public IReadOnlyList<GlossaryExclusion> Exclusions { get; init; } = [];
    public IReadOnlyList<GlossaryHashtag> Hashtags { get; init; } = [];
    public IReadOnlyList<string> LocationCues { get; init; } = DefaultLocationCues;

    /// <summary>Phrases that place a post with a far-away (abroad) mention back in Japan: 「台湾で地震、こっちも揺れた」.</summary>
    public static readonly IReadOnlyList<string> DefaultLocalMarkers =
        ["こっちも", "こちらも", "こっちでも", "日本でも", "県内", "市内", "うちも", "沖縄", "与那国", "石垣"];

    public IReadOnlyList<string> LocalMarkers { get; init; } = DefaultLocalMarkers;

    /// <summary>Which search engine the compiled index uses (Aho–Corasick by default: fastest in the benchmark).</summary>
    public PhraseSearch Search { get; init; } = PhraseSearch.AhoCorasick;

    internal CompiledGlossary Compiled
    {
        get
        {
            var c = Volatile.Read(ref _compiled);
            if (c is not null) return c;
            Interlocked.CompareExchange(ref _compiled, new CompiledGlossary(this, Search), null);
            return _compiled!;
        }
    }

    /// <summary>The same compiled glossary under another version name (no recompilation).</summary>
    public GlossarySnapshot WithVersion(string version) => new()
    {
        Version = version, Terms = Terms, Exclusions = Exclusions, Hashtags = Hashtags,
        LocationCues = LocationCues, LocalMarkers = LocalMarkers, Search = Search, _compiled = Compiled,
    };

    /// <summary>Compiles the index now (publishers call this so the first post does not pay for it).</summary>
    public GlossarySnapshot Compile()
    {
        _ = Compiled;
        return this;
    }
}

/// <summary>What a normalised phrase in the glossary index stands for.</summary>
internal sealed record GlossaryPhrase
{
    public GlossaryTerm? Term { get; init; }
    public GlossaryExclusion? Exclusion { get; init; }
    public GlossaryHashtag? Hashtag { get; init; }
    public bool IsLocationCue { get; init; }
    public bool IsLocalMarker { get; init; }
    /// <summary>For drill/awareness/fiction/retrospective phrases: the shared result of a post in which
    /// only this phrase matched (not relevant, excluded by it), so the fast path does not allocate.</summary>
    public GlossaryResult? ExclusionOnlyResult { get; init; }
    /// <summary>Weak: written in hiragana and shorter than three characters (ゆれ), or a term lighter than
    /// <see cref="GlossaryTerm.WeakBelow"/>. Counts only next to a strong term.</summary>
    public bool IsWeak { get; init; }
    /// <summary>The phrase begins/ends with an ASCII letter or digit: it must stand at a word boundary
    /// there (fire ≠ ceasefire), though an English inflection may follow (flood → flooded).</summary>
    public bool AsciiStart { get; init; }
    public bool AsciiEnd { get; init; }
}

internal sealed class CompiledGlossary
{
    public PhraseIndex<GlossaryPhrase> Index { get; }
    public IReadOnlyList<(string Prefix, string Suffix, GlossaryHashtag Tag)> Patterns { get; }
    /// <summary>Negation and simile markers (normalised) with their exclusion: they act on the term right before them.</summary>
    public (string Marker, GlossaryExclusion Exclusion)[] AfterTerm { get; }
    /// <summary>Hypothetical markers (normalised): they act on every term of their sentence.</summary>
    public (string Marker, GlossaryExclusion Exclusion)[] SentenceWide { get; }
    /// <summary>Normalised context phrases per term concept.</summary>
    public IReadOnlyDictionary<GlossaryTerm, string[]> Contexts { get; }

    public CompiledGlossary(GlossarySnapshot g, PhraseSearch search = PhraseSearch.AhoCorasick)
    {
        var items = new List<(string, GlossaryPhrase)>();
        var contexts = new Dictionary<GlossaryTerm, string[]>(ReferenceEqualityComparer.Instance);
        foreach (var t in g.Terms)
        {
            foreach (var spelling in t.Spellings)
            {
                string n = TextNormaliser.NormaliseTerm(spelling);
                if (n.Length == 0) continue;
                items.Add((n, new GlossaryPhrase
                {
                    Term = t, IsWeak = t.IsWeak || IsShortHiragana(spelling),
                    AsciiStart = char.IsAsciiLetterOrDigit(n[0]), AsciiEnd = char.IsAsciiLetterOrDigit(n[^1]),
                }));
            }
            if (t.Contexts.Count > 0)
                contexts[t] = t.Contexts.Select(TextNormaliser.NormaliseTerm).Where(c => c.Length > 0).ToArray();
        }
        var after = new List<(string, GlossaryExclusion)>();
        var sentence = new List<(string, GlossaryExclusion)>();
        foreach (var e in g.Exclusions)
        {
            string n = TextNormaliser.NormaliseTerm(e.Term);
            if (n.Length == 0) continue;
            if (e.Kind is ExclusionKinds.Negation or ExclusionKinds.Simile) after.Add((n, e));
            else if (e.Kind == ExclusionKinds.Hypothetical) sentence.Add((n, e));
            else items.Add((n, new GlossaryPhrase
            {
                Exclusion = e,
                ExclusionOnlyResult = ExclusionKinds.AlwaysExcludes(e.Kind) ? new GlossaryResult(false, [], [], [], e.Term) : null,
                AsciiStart = char.IsAsciiLetterOrDigit(n[0]), AsciiEnd = char.IsAsciiLetterOrDigit(n[^1]),
            }));
        }
        var patterns = new List<(string, string, GlossaryHashtag)>();
        foreach (var h in g.Hashtags)
        {
            if (h.IsPattern)
            {
                int at = h.Tag.IndexOf(GlossaryHashtag.Placeholder, StringComparison.Ordinal);
                patterns.Add((TextNormaliser.NormaliseTerm(h.Tag[..at]),
                    TextNormaliser.NormaliseTerm(h.Tag[(at + GlossaryHashtag.Placeholder.Length)..]), h));
            }
            else items.Add((TextNormaliser.NormaliseTerm(h.Tag), new GlossaryPhrase { Hashtag = h }));
        }
        foreach (var cue in g.LocationCues)
            items.Add((TextNormaliser.NormaliseTerm(cue), new GlossaryPhrase { IsLocationCue = true }));
        foreach (var marker in g.LocalMarkers)
            items.Add((TextNormaliser.NormaliseTerm(marker), new GlossaryPhrase { IsLocalMarker = true }));
        Index = new PhraseIndex<GlossaryPhrase>(items, search);
        Patterns = patterns;
        // Longest marker first, so の心配はありません wins over はありません.
        AfterTerm = [.. after.OrderByDescending(a => a.Item1.Length)];
        SentenceWide = [.. sentence];
        Contexts = contexts;
    }

    // ゆれ, かじ: short words written in hiragana hide inside ordinary text (かじ in 家事の話). Katakana
    // loan words (デマ, ガス) are distinctive enough to stand alone.
    private static bool IsShortHiragana(string spelling)
    {
        if (spelling.Length >= 3) return false;
        foreach (char c in spelling)
            if (c is not (>= '\u3041' and <= '\u309F' or 'ー')) return false;
        return true;
    }
}
