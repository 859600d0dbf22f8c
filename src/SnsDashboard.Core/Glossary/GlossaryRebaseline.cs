namespace SnsDashboard.Core.Glossary;

/// <summary>The outcome of staging the baseline folder: the stored draft version (null when refused),
/// the folder check with its diff against the published version, and the folder's issues.</summary>
public sealed record GlossaryStageResult(GlossaryVersionInfo? Staged, GlossaryFolderCheck Check)
{
    public IReadOnlyList<GlossaryIssue> Issues => Check.Issues;
}

/// <summary>
/// The explicit re-baseline: once version 1 is stored, the baseline folder is only ever brought in
/// by an analyst's review. <see cref="StageAsync"/> stores the validated folder as an unpublished
/// version (<see cref="GlossaryVersionKinds.StagedBaseline"/>); an analyst reviews its diff against
/// the published version and publishes it with a comment (<see cref="GlossaryPublisher.PublishAsync"/>,
/// kind baseline, based on the staged version) — or never does.
/// </summary>
public static class GlossaryRebaseline
{
    /// <summary>Compares the folder with the published version (nothing is stored or swapped).</summary>
    public static async Task<GlossaryFolderCheck> CheckAsync(IGlossaryStore store, string baselineDir, CancellationToken ct = default)
    {
        var published = await store.GetPublishedAsync(ct);
        return GlossaryFolderCheck.Read(baselineDir, published?.Content, published?.Info.Version).Check;
    }

    /// <summary>Validates the folder and stores it as a staged draft; an invalid folder stores nothing.</summary>
    public static async Task<GlossaryStageResult> StageAsync(IGlossaryStore store, string baselineDir, string author, CancellationToken ct = default)
    {
        var published = await store.GetPublishedAsync(ct);
        var (check, folder) = GlossaryFolderCheck.Read(baselineDir, published?.Content, published?.Info.Version);
        if (string.IsNullOrWhiteSpace(author))
            return new GlossaryStageResult(null, check with { Issues = [.. check.Issues, GlossaryIssue.Error("author", 0, null, "an author is required")] });
        if (folder is null) return new GlossaryStageResult(null, check);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(baselineDir)));
        var info = await store.AddDraftAsync(folder, author.Trim(), $"staged re-baseline from {name}/: {check.Summary}",
            GlossaryVersionKinds.StagedBaseline, published?.Info.Version, ct);
        return new GlossaryStageResult(info, check);
    }
}
