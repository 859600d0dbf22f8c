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
}

/// <summary>A false-positive pattern (reliability-and-glossary.md §B.5) and what kind it is.</summary>
public sealed record GlossaryExclusion(string Term, string Kind);

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

    public static readonly IReadOnlyList<string> All = [Drill, Awareness, Fiction, Retrospective, Metaphor, Abroad, Planned];

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
