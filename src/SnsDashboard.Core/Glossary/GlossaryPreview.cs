using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Glossary;

/// <summary>Per-category counts under the published glossary and under the draft.</summary>
public sealed record CategoryCount(string Category, int Published, int Draft);

/// <summary>A post whose relevance changes with the draft, with the categories it gets (or had).</summary>
public sealed record PreviewChange(AnalysedPost Post, IReadOnlyList<string> Categories, string? ExcludedBy);

/// <summary>How often one term matched (counted only in posts where it counted, not when suppressed).</summary>
public sealed record TermHits(string Term, string Category, int Hits);

public sealed record GlossaryPreviewResult(
    int PostsScanned,
    int RelevantPublished,
    int RelevantDraft,
    IReadOnlyList<CategoryCount> Categories,
    IReadOnlyList<PreviewChange> Added,
    IReadOnlyList<PreviewChange> Removed,
    IReadOnlyList<TermHits> DraftTermHits);

/// <summary>
/// Re-runs stored posts through the published glossary and a draft (pure): which posts the draft
/// would add or remove, counts per category under each, and hits per term under the draft. The
/// analysts' page runs it over the last N hours before they publish.
/// </summary>
public static class GlossaryPreview
{
    public static GlossaryPreviewResult Compare(IReadOnlyList<AnalysedPost> posts, GlossarySnapshot published, GlossarySnapshot draft)
    {
        var before = new Dictionary<string, int>(StringComparer.Ordinal);
        var after = new Dictionary<string, int>(StringComparer.Ordinal);
        var hits = new Dictionary<(string, string), int>();
        var added = new List<PreviewChange>();
        var removed = new List<PreviewChange>();
        int relevantBefore = 0, relevantAfter = 0;
        foreach (var p in posts)
        {
            var text = TextNormaliser.Normalise(p.Post.Text);
            var a = GlossaryMatcher.Match(p.Post, text, published);
            var b = GlossaryMatcher.Match(p.Post, text, draft);
            if (a.Relevant) { relevantBefore++; foreach (var c in a.Categories) Increment(before, c); }
            if (b.Relevant)
            {
                relevantAfter++;
                foreach (var c in b.Categories) Increment(after, c);
                foreach (var m in b.Matches) hits[(m.Term, m.Category)] = hits.GetValueOrDefault((m.Term, m.Category)) + 1;
            }
            if (b.Relevant && !a.Relevant) added.Add(new PreviewChange(p, b.Categories, null));
            else if (a.Relevant && !b.Relevant) removed.Add(new PreviewChange(p, a.Categories, b.ExcludedBy));
        }
        var categories = Taxonomy.Categories
            .Select(c => new CategoryCount(c, before.GetValueOrDefault(c), after.GetValueOrDefault(c)))
            .Where(c => c.Published + c.Draft > 0)
            .ToList();
        var termHits = hits.Select(h => new TermHits(h.Key.Item1, h.Key.Item2, h.Value))
            .OrderByDescending(h => h.Hits).ThenBy(h => h.Term, StringComparer.Ordinal).ToList();
        return new GlossaryPreviewResult(posts.Count, relevantBefore, relevantAfter, categories, added, removed, termHits);
    }

    private static void Increment(Dictionary<string, int> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;
}
