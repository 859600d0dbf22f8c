namespace SnsDashboard.Core.Glossary;

/// <summary>Posts one glossary term matched in a time window, by the standing operator mark of
/// each post (<see cref="Mark"/> null: the post is not marked). One row per (term, category, mark).</summary>
public sealed record TermMarkCount(string Term, string Category, string? Mark, int Posts);

/// <summary>How well one term has done according to operators' marks on the posts it matched.</summary>
public sealed record TermPrecision(string Term, string Category, int MatchedPosts, int MarkedRelevant, int MarkedNotRelevant)
{
    public int Marked => MarkedRelevant + MarkedNotRelevant;

    /// <summary>Marked relevant ÷ marked; null while no matched post is marked.</summary>
    public double? Precision => Marked == 0 ? null : (double)MarkedRelevant / Marked;

    /// <summary>Precision smoothed with one relevant and one irrelevant prior mark, so that a single
    /// mark does not outrank a term with many: 0 of 1 → 0.33, 1 of 10 → 0.17 (worse).</summary>
    public double SmoothedPrecision => (MarkedRelevant + 1.0) / (Marked + 2.0);
}

/// <summary>
/// Per-term precision from operators' marks, worst first, so analysts fix the terms that flood the
/// map with wrong posts. An operator's "confirmed" (or "relevant") mark on a matched post counts
/// for the term, "false" (or "irrelevant") against it; other marks and unmarked posts only count
/// as matched. Every term that matched a post appears once per (term, category).
/// </summary>
public static class TermPrecisionReport
{
    public static readonly IReadOnlySet<string> RelevantMarks = new HashSet<string>(StringComparer.Ordinal) { "confirmed", "relevant" };
    public static readonly IReadOnlySet<string> NotRelevantMarks = new HashSet<string>(StringComparer.Ordinal) { "false", "irrelevant" };

    /// <summary>Marked terms first, by <see cref="TermPrecision.SmoothedPrecision"/> ascending (more
    /// "not relevant" marks first on ties); unmarked terms after them, most matched first.</summary>
    public static IReadOnlyList<TermPrecision> WorstFirst(IEnumerable<TermMarkCount> counts) =>
        counts.GroupBy(c => (c.Term, c.Category))
            .Select(g => new TermPrecision(g.Key.Term, g.Key.Category, g.Sum(c => c.Posts),
                g.Where(c => c.Mark is { } m && RelevantMarks.Contains(m)).Sum(c => c.Posts),
                g.Where(c => c.Mark is { } m && NotRelevantMarks.Contains(m)).Sum(c => c.Posts)))
            .OrderBy(t => t.Marked == 0)
            .ThenBy(t => t.Marked == 0 ? 0 : t.SmoothedPrecision)
            .ThenByDescending(t => t.MarkedNotRelevant)
            .ThenByDescending(t => t.MatchedPosts)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .ToList();
}
