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

        var sourceStatus = catalog.All.Select(s => new SourceStatus(
            s.Name, s.Health.State, s.Health.Received, s.Health.Rejected, s.Health.Reconnects,
            s.Health.LastMessageAt, s.Health.LastError)).ToList();
        bool healthy = storeError is null && sourceStatus.All(s => s.State != SourceStates.Failed);
        return new StatusReport(
            healthy ? "healthy" : "degraded",
            time.GetUtcNow(),
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
    DateTimeOffset? LastMessageAt, string? LastError);

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
