using System.Collections.Frozen;
using SnsDashboard.Core.Analysis;
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

/// <summary>What a normalised phrase in the glossary index stands for, with everything the matcher
/// reports about it prepared once at compile time (explanation texts, taxonomy bits), so a post
/// costs no string formatting for the terms it contains.</summary>
internal sealed record GlossaryPhrase
{
    public GlossaryTerm? Term { get; init; }
    public GlossaryExclusion? Exclusion { get; init; }
    public CompiledHashtag? Hashtag { get; init; }
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

    /// <summary>A term's category and hazards as bits of <see cref="Taxonomy"/> (ids outside it have no bit).</summary>
    public TaxonomyBits Bits { get; init; }
    /// <summary>A term's context phrases (normalised) and, in the same order, the suppression reason each gives.</summary>
    public string[] Contexts { get; init; } = [];
    public string[] ContextReasons { get; init; } = [];
    /// <summary>Explanation texts: a term that counted; the prefix of a suppressed term's note; an
    /// exclusion that applies / does not apply.</summary>
    public string MatchedNote { get; init; } = "";
    public string SuppressedPrefix { get; init; } = "";
    public string AppliesNote { get; init; } = "";
    public string NotAppliesNote { get; init; } = "";

    public static GlossaryPhrase ForTerm(GlossaryTerm t, string normalised, bool weak, string[] contexts) => new()
    {
        Term = t, IsWeak = weak,
        AsciiStart = char.IsAsciiLetterOrDigit(normalised[0]), AsciiEnd = char.IsAsciiLetterOrDigit(normalised[^1]),
        Bits = TaxonomyBits.Of(t.Category == GlossaryTerm.HazardOnly ? null : t.Category, t.Hazards),
        Contexts = contexts,
        ContextReasons = [.. contexts.Select(c => $"context: {c}")],
        MatchedNote = FormattableString.Invariant(
            $"{t.Term} → {t.Category}{(t.Hazards.Count > 0 ? " / " + string.Join(",", t.Hazards) : "")} (weight {t.Weight})"),
        SuppressedPrefix = $"{t.Term} ({t.Category}): ",
    };

    public static GlossaryPhrase ForExclusion(GlossaryExclusion e, string normalised) => new()
    {
        Exclusion = e,
        ExclusionOnlyResult = ExclusionKinds.AlwaysExcludes(e.Kind) ? new GlossaryResult(false, [], [], [], e.Term) : null,
        AsciiStart = char.IsAsciiLetterOrDigit(normalised[0]), AsciiEnd = char.IsAsciiLetterOrDigit(normalised[^1]),
        AppliesNote = $"{e.Term} ({e.Kind})",
        NotAppliesNote = $"{e.Term} ({e.Kind})" + e.Kind switch
        {
            ExclusionKinds.Metaphor => ": not hazard evidence",
            ExclusionKinds.Planned => ": a hazard is present",
            ExclusionKinds.Abroad => ": a local marker places the post in Japan",
            _ => "",
        },
    };
}

/// <summary>Categories and hazards as bit sets over <see cref="Taxonomy"/>'s order (both lists are
/// short), so a post collects them without hash sets and emits them in taxonomy order.</summary>
internal readonly record struct TaxonomyBits(uint Categories, uint Hazards, bool AnyHazard)
{
    public static TaxonomyBits Of(string? category, IReadOnlyList<string> hazards)
    {
        uint c = 0, h = 0;
        if (category is not null && IndexOf(Taxonomy.Categories, category) is >= 0 and var ci) c = Bit(ci);
        foreach (var id in hazards)
            if (IndexOf(Taxonomy.Hazards, id) is >= 0 and var hi) h |= Bit(hi);
        return new(c, h, hazards.Count > 0);
    }

    public TaxonomyBits With(TaxonomyBits other) => new(Categories | other.Categories, Hazards | other.Hazards, AnyHazard || other.AnyHazard);

    public static string[] Names(IReadOnlyList<string> taxonomy, uint bits)
    {
        if (bits == 0) return [];
        var names = new string[System.Numerics.BitOperations.PopCount(bits)];
        int n = 0;
        for (int i = 0; i < taxonomy.Count; i++)
            if ((bits & (1u << i)) != 0) names[n++] = taxonomy[i];
        return names;
    }

    private static uint Bit(int index) => index < 32 ? 1u << index : throw new InvalidOperationException("taxonomy too large for 32 bits");

    private static int IndexOf(IReadOnlyList<string> list, string id)
    {
        for (int i = 0; i < list.Count; i++)
            if (string.Equals(list[i], id, StringComparison.Ordinal)) return i;
        return -1;
    }

}

/// <summary>A glossary hashtag with its explanation text and taxonomy bits prepared.</summary>
internal sealed class CompiledHashtag(GlossaryHashtag tag)
{
    public GlossaryHashtag Tag { get; } = tag;
    public bool IsCritical { get; } = tag.Priority == HashtagPriorities.Critical;
    /// <summary>A hashtag that says something (a category, a hazard or a priority): it lets weak terms count.</summary>
    public bool IsStrong { get; } = tag.Category is not null || tag.Hazards.Count > 0 || tag.Priority != HashtagPriorities.Normal;
    public TaxonomyBits Bits { get; } = TaxonomyBits.Of(tag.Category, tag.Hazards);
    public string MatchedNote { get; } = $"hashtag {tag.Tag} ({tag.Priority}){(tag.Category is null ? "" : " → " + tag.Category)}";
}

internal sealed class CompiledGlossary
{
    public PhraseIndex<GlossaryPhrase> Index { get; }
    public IReadOnlyList<(string Prefix, string Suffix, CompiledHashtag Tag)> Patterns { get; }
    /// <summary>Negation and simile markers (normalised) with their exclusion and suppression reason,
    /// longest first: they act on the term right before them.</summary>
    public (string Marker, string Reason)[] AfterTerm { get; }
    /// <summary><see cref="AfterTerm"/> by first character, each list in the same (longest-first) order.</summary>
    public FrozenDictionary<char, (string Marker, string Reason)[]> AfterTermByFirstChar { get; }
    /// <summary>Hypothetical markers (normalised) with their suppression reason: they act on every term of their sentence.</summary>
    public (string Marker, string Reason)[] SentenceWide { get; }
    /// <summary>Per phrase id: does it carry a term or a hashtag (else only cues and exclusions)?</summary>
    public bool[] HasTermOrTag { get; }
    /// <summary>Per phrase id: the shared result of a post in which it is the only exclusion phrase (or null).</summary>
    public GlossaryResult?[] ExclusionOnlyResult { get; }
    /// <summary>Critical hashtags without '#' (for the post's hashtag metadata).</summary>
    public FrozenSet<string> CriticalTags { get; }

    public CompiledGlossary(GlossarySnapshot g, PhraseSearch search = PhraseSearch.AhoCorasick)
    {
        var items = new List<(string, GlossaryPhrase)>();
        foreach (var t in g.Terms)
        {
            string[] contexts = t.Contexts.Count > 0 ? [.. t.Contexts.Select(TextNormaliser.NormaliseTerm).Where(c => c.Length > 0)] : [];
            foreach (var spelling in t.Spellings)
            {
                string n = TextNormaliser.NormaliseTerm(spelling);
                if (n.Length == 0) continue;
                items.Add((n, GlossaryPhrase.ForTerm(t, n, t.IsWeak || IsShortHiragana(spelling), contexts)));
            }
        }
        var after = new List<(string, string)>();
        var sentence = new List<(string, string)>();
        foreach (var e in g.Exclusions)
        {
            string n = TextNormaliser.NormaliseTerm(e.Term);
            if (n.Length == 0) continue;
            if (e.Kind is ExclusionKinds.Negation or ExclusionKinds.Simile) after.Add((n, $"{e.Kind}: {e.Term}"));
            else if (e.Kind == ExclusionKinds.Hypothetical) sentence.Add((n, $"{e.Kind}: {e.Term}"));
            else items.Add((n, GlossaryPhrase.ForExclusion(e, n)));
        }
        var patterns = new List<(string, string, CompiledHashtag)>();
        foreach (var h in g.Hashtags)
        {
            if (h.IsPattern)
            {
                int at = h.Tag.IndexOf(GlossaryHashtag.Placeholder, StringComparison.Ordinal);
                patterns.Add((TextNormaliser.NormaliseTerm(h.Tag[..at]),
                    TextNormaliser.NormaliseTerm(h.Tag[(at + GlossaryHashtag.Placeholder.Length)..]), new CompiledHashtag(h)));
            }
            else items.Add((TextNormaliser.NormaliseTerm(h.Tag), new GlossaryPhrase { Hashtag = new CompiledHashtag(h) }));
        }
        foreach (var cue in g.LocationCues)
            items.Add((TextNormaliser.NormaliseTerm(cue), new GlossaryPhrase { IsLocationCue = true }));
        foreach (var marker in g.LocalMarkers)
            items.Add((TextNormaliser.NormaliseTerm(marker), new GlossaryPhrase { IsLocalMarker = true }));
        Index = new PhraseIndex<GlossaryPhrase>(items, search);
        Patterns = patterns;
        // Longest marker first, so の心配はありません wins over はありません.
        AfterTerm = [.. after.OrderByDescending(a => a.Item1.Length)];
        AfterTermByFirstChar = AfterTerm.GroupBy(a => a.Marker[0]).ToFrozenDictionary(x => x.Key, x => x.ToArray());
        SentenceWide = [.. sentence];
        HasTermOrTag = new bool[Index.Count];
        ExclusionOnlyResult = new GlossaryResult?[Index.Count];
        for (int id = 0; id < Index.Count; id++)
        {
            var payloads = Index.PhraseAt(id).Payloads;
            HasTermOrTag[id] = Array.Exists(payloads, p => p.Term is not null || p.Hashtag is not null);
            ExclusionOnlyResult[id] = Array.Find(payloads, p => p.ExclusionOnlyResult is not null)?.ExclusionOnlyResult;
        }
        CriticalTags = g.Hashtags.Where(h => h.Priority == HashtagPriorities.Critical && !h.IsPattern)
            .Select(h => h.Tag.TrimStart('#')).ToFrozenSet(StringComparer.Ordinal);
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
