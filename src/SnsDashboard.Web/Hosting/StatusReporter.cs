using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Hubs;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Hosting;

/// <summary>Collects what /health and the status page show: sources, counters, queues, store.</summary>
public sealed class StatusReporter(
    PipelineMetrics metrics,
    SourceCatalog catalog,
    IPostStore store,
    PostBus bus,
    HubSubscriptions hubSubscriptions,
    TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public async Task<StatusReport> GetAsync(CancellationToken ct)
    {
        StoreStats? stats = null;
        string? storeError = null;
        try { stats = await store.GetStatsAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException) { storeError = e.GetType().Name; }

        var now = time.GetUtcNow();
        var sourceStatus = catalog.All.Select(s => SourceStatus.Of(s.Health, now)).ToList();
        bool healthy = storeError is null && sourceStatus.All(s => !s.NeedsAttention);
        return new StatusReport(
            healthy ? "healthy" : "degraded",
            now,
            _startedAt,
            metrics.Snapshot(),
            sourceStatus,
            stats,
            storeError,
            bus.SubscriberCount,
            hubSubscriptions.Count,
            bus.DroppedForSlowSubscribers);
    }
}

public sealed record SourceStatus(string Name, string State, long Received, long Rejected, long Reconnects,
    DateTimeOffset? LastMessageAt, string? LastError)
{
    public string? Endpoint { get; init; }
    public long PerMinute { get; init; }
    public long Gaps { get; init; }
    public string? LastGap { get; init; }
    public long Dropped { get; init; }
    public IReadOnlyDictionary<string, long> DroppedByReason { get; init; } = new Dictionary<string, long>();
    public DateTimeOffset? LastActivityAt { get; init; }
    /// <summary>No posts for longer than the source's silence threshold: warn the operator.</summary>
    public bool Silent { get; init; }
    /// <summary>Reconnects wait the maximum backoff: probably misconfigured or a long outage.</summary>
    public bool BackoffAtMaximum { get; init; }
    public bool NeedsAttention => Silent || BackoffAtMaximum || State is SourceStates.Failed or SourceStates.Unauthorized;

    public static SourceStatus Of(SourceHealth h, DateTimeOffset now) =>
        new(h.Name, h.State, h.Received, h.Rejected, h.Reconnects, h.LastMessageAt, h.LastError)
        {
            Endpoint = h.Endpoint,
            PerMinute = h.MessagesLastMinute(now),
            Gaps = h.Gaps,
            LastGap = h.LastGap,
            Dropped = h.Dropped,
            DroppedByReason = h.DroppedByReason,
            LastActivityAt = h.LastActivityAt,
            Silent = h.IsSilent(now),
            BackoffAtMaximum = h.BackoffAtMaximum,
        };
}

public sealed record StatusReport(
    string Status,
    DateTimeOffset Now,
    DateTimeOffset StartedAt,
    PipelineCounters Pipeline,
    IReadOnlyList<SourceStatus> Sources,
    StoreStats? Store,
    string? StoreError,
    int LiveSubscribers,
    int HubSubscribers,
    long LiveDroppedForSlowSubscribers);
