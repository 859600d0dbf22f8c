using SnsDashboard.Core.Pipeline;

namespace SnsDashboard.Core.Glossary;

/// <summary>The outcome of a publish: the new version, or the issues that refused it (nothing stored, nothing swapped).</summary>
public sealed record GlossaryPublishResult(GlossaryVersionInfo? Version, IReadOnlyList<GlossaryIssue> Issues)
{
    public bool Published => Version is not null;
}

/// <summary>
/// Publishes glossary versions into the live pipeline without a restart: validate the whole draft,
/// compile it, store it as a new version, then swap the pipeline snapshot in one reference write.
/// Any validation error refuses the draft before anything is stored or swapped, so the pipeline
/// keeps the previous version; posts being analysed during the swap see either version, never a mix.
/// Without a <see cref="SnapshotHolder"/> (the CLI, outside the dashboard process) it only stores the
/// version; a dashboard loads the published version at its next start.
/// </summary>
public sealed class GlossaryPublisher(IGlossaryStore store, SnapshotHolder? snapshots)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>At start: the published version from the store, or the baseline folder stored as version 1.</summary>
    public async Task<GlossaryVersionInfo> InitialiseAsync(string baselineDir, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (await store.GetPublishedAsync(ct) is { } published)
            {
                var issues = GlossaryValidator.Validate(published.Content);
                if (!issues.Any(i => i.IsError))
                {
                    Swap(published.Content, published.Info.Version);
                    return published.Info;
                }
            }
            var baseline = GlossaryContent.Of(GlossaryLoader.LoadDirectory(baselineDir));
            var info = await store.AddPublishedAsync(baseline, "system", $"baseline from {Path.GetFileName(Path.TrimEndingDirectorySeparator(baselineDir))}",
                GlossaryVersionKinds.Baseline, null, ct);
            Swap(baseline, info.Version);
            return info;
        }
        finally { _lock.Release(); }
    }

    public async Task<GlossaryPublishResult> PublishAsync(GlossaryContent draft, string author, string comment,
        string kind = GlossaryVersionKinds.Edit, int? basedOn = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(author)) return Refused("author", "an author is required");
        if (string.IsNullOrWhiteSpace(comment)) return Refused("comment", "a comment saying why is required");
        var issues = GlossaryValidator.Validate(draft);
        if (issues.Any(i => i.IsError)) return new GlossaryPublishResult(null, issues);
        await _lock.WaitAsync(ct);
        try
        {
            var compiled = GlossaryLoader.Build(draft); // compile before storing: a failure stores nothing
            var info = await store.AddPublishedAsync(draft, author.Trim(), comment.Trim(), kind, basedOn, ct);
            snapshots?.Update(s => s with { Glossary = compiled.WithVersion($"v{info.Version}") });
            LiveVersion = info.Version;
            return new GlossaryPublishResult(info, issues);
        }
        finally { _lock.Release(); }
    }

    /// <summary>Publishes the content of an earlier version again, as a new version (history stays append-only).</summary>
    public async Task<GlossaryPublishResult> RollbackAsync(int version, string author, string comment, CancellationToken ct = default)
    {
        if (await store.GetAsync(version, ct) is not { } old) return Refused("version", $"version {version} does not exist");
        return await PublishAsync(old.Content, author, comment, GlossaryVersionKinds.Rollback, version, ct);
    }

    /// <summary>Publishes a staged (stored, never published) version — the re-baselined folder — as a new
    /// version based on it, kind baseline. Anything else is refused: a live or earlier version goes back
    /// with <see cref="RollbackAsync"/>.</summary>
    public async Task<GlossaryPublishResult> PublishStagedAsync(int version, string author, string comment, CancellationToken ct = default)
    {
        if (await store.GetAsync(version, ct) is not { } staged) return Refused("version", $"version {version} does not exist");
        if (staged.Info.Kind != GlossaryVersionKinds.StagedBaseline)
            return Refused("version", $"version {version} is not a staged version (kind {staged.Info.Kind}); use rollback to publish an earlier version again");
        return await PublishAsync(staged.Content, author, comment, GlossaryVersionKinds.Baseline, version, ct);
    }

    /// <summary>The version the live pipeline runs (null until <see cref="InitialiseAsync"/>).</summary>
    public int? LiveVersion { get; private set; }

    private int? _refused;

    /// <summary>Makes a version published by another process (<c>sns glossary publish</c>, a second host
    /// on the same store) live here. Returns it when it was swapped in, null when nothing changed.
    /// A published version that does not validate is refused once (the pipeline keeps its version).</summary>
    public async Task<GlossaryVersionInfo?> FollowStoreAsync(CancellationToken ct = default)
    {
        if (await store.GetPublishedVersionAsync(ct) is not { } latest || latest == LiveVersion || latest == _refused) return null;
        await _lock.WaitAsync(ct);
        try
        {
            if (await store.GetPublishedAsync(ct) is not { } published || published.Info.Version == LiveVersion) return null;
            if (GlossaryValidator.Validate(published.Content).FirstOrDefault(i => i.IsError) is { } error)
            {
                _refused = published.Info.Version;
                throw new InvalidDataException($"published glossary v{published.Info.Version} is not valid ({error.Message}); v{LiveVersion} stays live");
            }
            Swap(published.Content, published.Info.Version);
            return published.Info;
        }
        finally { _lock.Release(); }
    }

    private void Swap(GlossaryContent content, int version)
    {
        snapshots?.Update(s => s with { Glossary = GlossaryLoader.Build(content with { Version = $"v{version}" }) });
        LiveVersion = version;
    }

    private static GlossaryPublishResult Refused(string field, string message) =>
        new(null, [GlossaryIssue.Error(field, 0, null, message)]);
}
