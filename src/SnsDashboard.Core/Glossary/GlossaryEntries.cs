namespace SnsDashboard.Core.Glossary;

/// <summary>
/// One glossary concept: a term, its spelling variants, the category it signals (a stable
/// category id, or <see cref="GlossaryTerm.HazardOnly"/> for words that only name a hazard) and the
/// hazards it implies. Matches are reported under <see cref="Term"/>, so statistics stay per concept.
/// </summary>
public sealed record GlossaryTerm(string Term, string Category, IReadOnlyList<string> Hazards, double Weight, IReadOnlyList<string> Variants)
{
    /// <summary>Pseudo-category of terms that name a hazard but no information type (地震, 揺れた).</summary>
    public const string HazardOnly = "hazard";

    /// <summary>Terms lighter than this are weak: they count only when a strong term, a hazard
    /// word or a special hashtag also matched (病院, 足りない, 動けない alone are everyday words).</summary>
    public const double WeakBelow = 1.0;

    /// <summary>Phrases that, in the same sentence, show this term is not about a disaster
    /// (膝の上 next to 動けない, 救助犬 next to 救助). Suppress this term only.</summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];

    /// <summary>Optional finer grouping inside the category (trapped, rooftop, missing…), free text.</summary>
    public string? SubCategory { get; init; }

    /// <summary>Where the entry came from ("rescue_request.tsv:7", "version 12"), for error messages.</summary>
    public string? Origin { get; init; }

    public bool IsWeak => Weight < WeakBelow;

    /// <summary>The term followed by its variants, without repeats.</summary>
    public IEnumerable<string> Spellings => Variants.Prepend(Term).Distinct(StringComparer.Ordinal);

    // Lists compare by content so that two versions of the glossary can be diffed entry by entry.
    public bool Equals(GlossaryTerm? other) =>
        other is not null && Term == other.Term && Category == other.Category && Weight.Equals(other.Weight)
        && SubCategory == other.SubCategory && Hazards.SequenceEqual(other.Hazards)
        && Variants.SequenceEqual(other.Variants) && Contexts.SequenceEqual(other.Contexts);

    public override int GetHashCode() => HashCode.Combine(Term, Category, Weight, SubCategory);
}

/// <summary>A false-positive pattern (reliability-and-glossary.md §B.5) and what kind it is.</summary>
public sealed record GlossaryExclusion(string Term, string Kind)
{
    /// <summary>Where the entry came from, for error messages.</summary>
    public string? Origin { get; init; }
    public bool Equals(GlossaryExclusion? other) => other is not null && Term == other.Term && Kind == other.Kind;
    public override int GetHashCode() => HashCode.Combine(Term, Kind);
}

/// <summary>What an exclusion term does to a post.</summary>
public static class ExclusionKinds
{
    /// <summary>訓練, 防災訓練: excludes the post.</summary>
    public const string Drill = "drill";
    /// <summary>防災グッズ, キャンペーン: excludes the post.</summary>
    public const string Awareness = "awareness";
    /// <summary>ゲーム, 映画, 夢で: excludes the post.</summary>
    public const string Fiction = "fiction";
    /// <summary>年前の今日, 追悼: excludes the post.</summary>
    public const string Retrospective = "retrospective";
    /// <summary>心が揺れる, 炎上: the phrase is not hazard evidence (its words do not match), the post stays.</summary>
    public const string Metaphor = "metaphor";
    /// <summary>トルコ, 海外: reported, never excludes (routing by location, not exclusion).</summary>
    public const string Abroad = "abroad";
    /// <summary>工事のため, 点検: excludes the post only when no hazard term is present.</summary>
    public const string Planned = "planned";
    /// <summary>の心配なし, していない: suppresses the term right before it (津波の心配なし).</summary>
    public const string Negation = "negation";
    /// <summary>もし, が来たら, に備えて: suppresses every term of its sentence.</summary>
    public const string Hypothetical = "hypothetical";
    /// <summary>みたいな, のような: suppresses the term right before it (爆発したみたいな音).</summary>
    public const string Simile = "simile";

    public static readonly IReadOnlyList<string> All =
        [Drill, Awareness, Fiction, Retrospective, Metaphor, Abroad, Planned, Negation, Hypothetical, Simile];

    /// <summary>Kinds that act on the terms near them rather than on the whole post. They are not
    /// scanned for in every post: the matcher looks for them only around terms that matched.</summary>
    public static bool IsWindowed(string kind) => kind is Negation or Hypothetical or Simile;

    /// <summary>Kinds that exclude a post whatever else it contains (barring the rescue override).</summary>
    public static bool AlwaysExcludes(string kind) => kind is Drill or Awareness or Fiction or Retrospective;
}

/// <summary>
/// A hashtag with special meaning (§B.2). <see cref="Tag"/> starts with '#'; a tag containing
/// <see cref="Placeholder"/> is a pattern (e.g. <c>#〇〇市災害</c>) whose placeholder stands for a
/// place name. <see cref="Category"/> is null for tags that carry no category by themselves.
/// </summary>
public sealed record GlossaryHashtag(string Tag, string? Category, IReadOnlyList<string> Hazards, string Priority)
{
    /// <summary>Where the entry came from, for error messages.</summary>
    public string? Origin { get; init; }
    public bool Equals(GlossaryHashtag? other) =>
        other is not null && Tag == other.Tag && Category == other.Category && Priority == other.Priority && Hazards.SequenceEqual(other.Hazards);
    public override int GetHashCode() => HashCode.Combine(Tag, Category, Priority);

    public const string Placeholder = "〇〇";
    public bool IsPattern => Tag.Contains(Placeholder, StringComparison.Ordinal);
}

public static class HashtagPriorities
{
    public const string Critical = "critical";
    public const string High = "high";
    public const string Normal = "normal";
    public static readonly IReadOnlyList<string> All = [Critical, High, Normal];
}
