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

    internal CompiledGlossary Compiled
    {
        get
        {
            var c = Volatile.Read(ref _compiled);
            if (c is not null) return c;
            Interlocked.CompareExchange(ref _compiled, new CompiledGlossary(this), null);
            return _compiled!;
        }
    }

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
    /// <summary>Kana-only phrase shorter than three characters (ゆれ): needs a second term.</summary>
    public bool IsWeak { get; init; }
}

internal sealed class CompiledGlossary
{
    public PhraseIndex<GlossaryPhrase> Index { get; }
    public IReadOnlyList<(string Prefix, string Suffix, GlossaryHashtag Tag)> Patterns { get; }

    public CompiledGlossary(GlossarySnapshot g)
    {
        var items = new List<(string, GlossaryPhrase)>();
        foreach (var t in g.Terms)
        {
            foreach (var spelling in t.Variants.Prepend(t.Term).Distinct(StringComparer.Ordinal))
            {
                string n = TextNormaliser.NormaliseTerm(spelling);
                items.Add((n, new GlossaryPhrase { Term = t, IsWeak = IsShortKana(n) }));
            }
        }
        foreach (var e in g.Exclusions)
            items.Add((TextNormaliser.NormaliseTerm(e.Term), new GlossaryPhrase { Exclusion = e }));
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
        Index = new PhraseIndex<GlossaryPhrase>(items);
        Patterns = patterns;
    }

    private static bool IsShortKana(string n)
    {
        if (n.Length >= 3) return false;
        foreach (char c in n)
            if (c is not (>= '\u3041' and <= '\u309F' or 'ー')) return false;
        return true;
    }
}
