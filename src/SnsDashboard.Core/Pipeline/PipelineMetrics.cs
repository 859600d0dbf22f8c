using System.Diagnostics.Metrics;

namespace SnsDashboard.Core.Pipeline;

/// <summary>
/// Pipeline counters, exported through System.Diagnostics.Metrics (meter "SnsDashboard.Pipeline")
/// and kept as totals for the status page and /health.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "SnsDashboard.Pipeline";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted, _duplicates, _shed, _rejected, _analysed, _failed, _stored, _storeErrors;
    private readonly Histogram<double> _batchMs;
    private long _tAccepted, _tDuplicates, _tShed, _tRejected, _tAnalysed, _tFailed, _tStored, _tStoreErrors, _tPublished;
    private Func<int>? _queueDepth;
    private Func<int>? _storeQueueDepth;

    public PipelineMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _accepted = _meter.CreateCounter<long>("sns.ingest.accepted", "posts", "Posts accepted into the pipeline queue");
        _duplicates = _meter.CreateCounter<long>("sns.ingest.duplicates", "posts", "Posts dropped as already seen (source, source_post_id)");
        _shed = _meter.CreateCounter<long>("sns.ingest.shed", "posts", "Posts shed by the overload policy");
        _rejected = _meter.CreateCounter<long>("sns.ingest.rejected", "messages", "Input that could not be parsed or validated");
        _analysed = _meter.CreateCounter<long>("sns.pipeline.analysed", "posts");
        _failed = _meter.CreateCounter<long>("sns.pipeline.failed", "posts", "Posts whose analysis threw; stored without analysis");
        _stored = _meter.CreateCounter<long>("sns.pipeline.stored", "posts");
        _storeErrors = _meter.CreateCounter<long>("sns.store.errors", "batches", "Store writes that failed and were retried");
        _batchMs = _meter.CreateHistogram<double>("sns.pipeline.batch_duration", "ms");
        _meter.CreateObservableGauge("sns.ingest.queue_depth", () => _queueDepth?.Invoke() ?? 0, "posts");
        _meter.CreateObservableGauge("sns.store.queue_depth", () => _storeQueueDepth?.Invoke() ?? 0, "batches");
    }

    internal void ObserveQueueDepth(Func<int> depth) => _queueDepth = depth;
    internal void ObserveStoreQueueDepth(Func<int> depth) => _storeQueueDepth = depth;

    public void Accepted(string source) { Interlocked.Increment(ref _tAccepted); _accepted.Add(1, Tag(source)); }
    public void Duplicate(string source) { Interlocked.Increment(ref _tDuplicates); _duplicates.Add(1, Tag(source)); }
    public void Shed(string source, string reason)
    {
        Interlocked.Increment(ref _tShed);
        _shed.Add(1, Tag(source), new KeyValuePair<string, object?>("reason", reason));
    }
    public void Rejected(string source) { Interlocked.Increment(ref _tRejected); _rejected.Add(1, Tag(source)); }
    public void Analysed(int n) { Interlocked.Add(ref _tAnalysed, n); _analysed.Add(n); }
    public void Failed(int n) { Interlocked.Add(ref _tFailed, n); _failed.Add(n); }
    public void Stored(int n, double ms) { Interlocked.Add(ref _tStored, n); _stored.Add(n); _batchMs.Record(ms); }
    public void StoreError() { Interlocked.Increment(ref _tStoreErrors); _storeErrors.Add(1); }
    public void Published(int n) => Interlocked.Add(ref _tPublished, n);

    public PipelineCounters Snapshot() => new(
        Interlocked.Read(ref _tAccepted), Interlocked.Read(ref _tDuplicates), Interlocked.Read(ref _tShed),
        Interlocked.Read(ref _tRejected), Interlocked.Read(ref _tAnalysed), Interlocked.Read(ref _tFailed),
        Interlocked.Read(ref _tStored), Interlocked.Read(ref _tStoreErrors), Interlocked.Read(ref _tPublished),
        _queueDepth?.Invoke() ?? 0, _storeQueueDepth?.Invoke() ?? 0);

    private static KeyValuePair<string, object?> Tag(string source) => new("source", source);

    public void Dispose() => _meter.Dispose();
}

/// <summary>Totals since start.</summary>
public sealed record PipelineCounters(
    long Accepted, long Duplicates, long Shed, long Rejected, long Analysed, long Failed, long Stored,
    long StoreErrors, long Published, int QueueDepth, int StoreQueueDepth);
