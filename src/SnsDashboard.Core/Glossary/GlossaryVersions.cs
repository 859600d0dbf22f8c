namespace SnsDashboard.Core.Glossary;

/// <summary>One stored glossary version (immutable once written).</summary>
public sealed record GlossaryVersionInfo(int Version, DateTimeOffset CreatedAt, string Author, string Comment, string Kind, int? BasedOn, bool IsPublished);

public static class GlossaryVersionKinds
{
    public const string Baseline = "baseline";
    public const string Edit = "edit";
    public const string Import = "import";
    public const string Rollback = "rollback";
    /// <summary>The baseline folder staged for review (stored, not published): an analyst reviews the
    /// diff and publishes it with a comment, or ignores it. Never goes live by itself.</summary>
    public const string StagedBaseline = "staged-baseline";
}

/// <summary>Where glossary versions live (the SQLite store by default). Writing a version and
/// publishing it is one transaction, so the history never shows a half-published state.</summary>
public interface IGlossaryStore
{
    Task<IReadOnlyList<GlossaryVersionInfo>> ListAsync(CancellationToken ct = default);
    Task<(GlossaryVersionInfo Info, GlossaryContent Content)?> GetAsync(int version, CancellationToken ct = default);
    Task<(GlossaryVersionInfo Info, GlossaryContent Content)?> GetPublishedAsync(CancellationToken ct = default);
    /// <summary>Only the number of the published version (cheap: for polling by other processes' publishes).</summary>
    Task<int?> GetPublishedVersionAsync(CancellationToken ct = default);
    /// <summary>Stores <paramref name="content"/> as the next version and marks it published.</summary>
    Task<GlossaryVersionInfo> AddPublishedAsync(GlossaryContent content, string author, string comment, string kind, int? basedOn, CancellationToken ct = default);
    /// <summary>Stores <paramref name="content"/> as the next version WITHOUT publishing it (a staged draft).</summary>
    Task<GlossaryVersionInfo> AddDraftAsync(GlossaryContent content, string author, string comment, string kind, int? basedOn, CancellationToken ct = default);
}

/// <summary>What changed between two glossary versions, entry by entry.</summary>
public sealed record GlossaryDiff(
    IReadOnlyList<GlossaryTerm> AddedTerms,
    IReadOnlyList<GlossaryTerm> RemovedTerms,
    IReadOnlyList<(GlossaryTerm Before, GlossaryTerm After)> ChangedTerms,
    IReadOnlyList<GlossaryExclusion> AddedExclusions,
    IReadOnlyList<GlossaryExclusion> RemovedExclusions,
    IReadOnlyList<GlossaryHashtag> AddedHashtags,
    IReadOnlyList<GlossaryHashtag> RemovedHashtags)
{
    public bool IsEmpty => AddedTerms.Count + RemovedTerms.Count + ChangedTerms.Count + AddedExclusions.Count
        + RemovedExclusions.Count + AddedHashtags.Count + RemovedHashtags.Count == 0;

    /// <summary>Terms are matched by (category, term); a changed weight, variant list or context list is a change.</summary>
    public static GlossaryDiff Compare(GlossaryContent before, GlossaryContent after)
    {
        static (string, string) Key(GlossaryTerm t) => (t.Category, t.Term);
        var a = before.Terms.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var b = after.Terms.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        return new GlossaryDiff(
            after.Terms.Where(t => !a.ContainsKey(Key(t))).ToList(),
            before.Terms.Where(t => !b.ContainsKey(Key(t))).ToList(),
            after.Terms.Where(t => a.TryGetValue(Key(t), out var old) && !old.Equals(t)).Select(t => (a[Key(t)], t)).ToList(),
            after.Exclusions.Except(before.Exclusions).ToList(),
            before.Exclusions.Except(after.Exclusions).ToList(),
            after.Hashtags.Except(before.Hashtags).ToList(),
            before.Hashtags.Except(after.Hashtags).ToList());
    }
}
