using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Glossary;

/// <summary>What the glossary matcher decided, with its explanation (matches and exclusion).</summary>
/// <remarks><see cref="Matches"/>, <see cref="Categories"/> and <see cref="Hazards"/> hold what counted
/// (even when an exclusion then made the post irrelevant, so the explanation keeps it);
/// <see cref="Suppressed"/> holds terms that matched but were discounted, and
/// <see cref="Explanation"/> says why, step by step, in text order.</remarks>
public sealed record GlossaryResult(
    bool Relevant,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Hazards,
    IReadOnlyList<TermMatch> Matches,
    string? ExcludedBy)
{
    public static GlossaryResult None { get; } = new(false, [], [], [], null);

    /// <summary>Terms found in the text that did not count (negated, hypothetical, simile, context, weak).</summary>
    public IReadOnlyList<SuppressedMatch> Suppressed { get; init; } = [];

    /// <summary>Every decision the matcher took, in order; empty when nothing in the post matched.</summary>
    public IReadOnlyList<GlossaryNote> Explanation { get; init; } = [];
}

/// <summary>A term that matched but did not count, with the reason (e.g. "negation: の心配なし").</summary>
public sealed record SuppressedMatch(TermMatch Match, string Reason);

/// <summary>One step of the matcher's reasoning. Offsets are in the original text (-1 when not about a span).</summary>
public sealed record GlossaryNote(string Kind, string Detail, int Start = -1, int Length = 0)
{
    public const string Matched = "match";
    public const string Suppressed = "suppressed";
    public const string Excluded = "excluded";
    public const string Override = "override";
    public const string Noted = "noted";
    public const string Decision = "decision";

    public override string ToString() => Start >= 0 ? $"{Kind} [{Start}+{Length}] {Detail}" : $"{Kind}: {Detail}";
}
