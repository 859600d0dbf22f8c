using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Glossary;

/// <summary>What the glossary matcher decided, with its explanation (matches and exclusion).</summary>
public sealed record GlossaryResult(
    bool Relevant,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Hazards,
    IReadOnlyList<TermMatch> Matches,
    string? ExcludedBy)
{
    public static GlossaryResult None { get; } = new(false, [], [], [], null);
}
