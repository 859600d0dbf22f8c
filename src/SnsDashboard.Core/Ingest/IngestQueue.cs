using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Ingest;

/// <summary>
/// The pipeline's entrance: a bounded queue with de-duplication on (source, source_post_id).
///
/// Overload policy (what happens when the queue is full):
/// <list type="bullet">
/// <item><see cref="OfferMode.Wait"/> sources (replay files, imports) wait for space: lossless backpressure.</item>
/// <item><see cref="OfferMode.NoWait"/> sources (live streams, webhook) never stall: reposts are shed at
/// once (they are amplification, never new information); posts that look like rescue requests
/// (救助, 助けて, SOS, …) may wait up to <see cref="PipelineOptions.CriticalWaitMs"/>; everything else
/// is shed at once. Every shed post is counted with its reason and forgotten by the
/// de-duplicator, so a re-send is accepted.</item>
/// </list>
/// </summary>
public sealed class IngestQueue : IIngestSink
{
    private static readonly string[] CriticalMarkers = ["救助", "助けて", "たすけて", "タスケテ", "閉じ込め", "取り残され", "下敷き", "生き埋め", "SOS", "sos"];

    private readonly Channel<IngestItem> _channel;
    private readonly TimeProvider _time;
    private readonly RecentKeySet _recent;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _criticalWait;
    private long _rejectLogCount;

    public IngestQueue(PipelineOptions options, PipelineMetrics metrics, TimeProvider time, ILogger<IngestQueue> logger)
    {
        _time = time;
        _channel = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _recent = new RecentKeySet(options.DedupWindow);
        _metrics = metrics;
        _logger = logger;
        _criticalWait = TimeSpan.FromMilliseconds(options.CriticalWaitMs);
        metrics.ObserveQueueDepth(() => _channel.Reader.Count);
    }

    public ChannelReader<IngestItem> Reader => _channel.Reader;
    public int Depth => _channel.Reader.Count;

    public async ValueTask<IngestResult> OfferAsync(Post post, OfferMode mode, CancellationToken ct)
    {
        var key = post.Key;
        if (!_recent.TryAdd(key, post.EditedAt))
        {
            _metrics.Duplicate(post.Source);
            return IngestResult.Duplicate;
        }
        var item = new IngestItem(post, _time.GetUtcNow());
        if (_channel.Writer.TryWrite(item))
        {
            _metrics.Accepted(post.Source);
            return IngestResult.Accepted;
        }
        if (mode == OfferMode.Wait)
        {
            await _channel.Writer.WriteAsync(item, ct);
            _metrics.Accepted(post.Source);
            return IngestResult.Accepted;
        }
        if (!post.IsRepost && IsCritical(post.Text) && _criticalWait > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_criticalWait);
            try
            {
                await _channel.Writer.WriteAsync(item, timeout.Token);
                _metrics.Accepted(post.Source);
                return IngestResult.Accepted;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Shed(post, "critical_wait_timeout");
            }
        }
        return Shed(post, post.IsRepost ? "repost_under_load" : "queue_full");
    }

    public void ReportRejected(string source, string reason)
    {
        _metrics.Rejected(source);
        // Log the first rejects and then every 1000th, so a flood of garbage cannot flood the log.
        var n = Interlocked.Increment(ref _rejectLogCount);
        if (n <= 100 || n % 1000 == 0)
            _logger.LogWarning("Input rejected from {Source}: {Reason} (rejects so far: {Count})", source, reason, n);
    }

    /// <summary>No more posts will be offered (shutdown, or the end of a batch run).</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private IngestResult Shed(Post post, string reason)
    {
        _recent.Forget(post.Key);
        _metrics.Shed(post.Source, reason);
        return IngestResult.Shed;
    }

    internal static bool IsCritical(string text)
    {
        foreach (var m in CriticalMarkers)
            if (text.Contains(m, StringComparison.Ordinal)) return true;
        return false;
    }
}

/// <summary>A post and the time the pipeline accepted it (the start of post-to-screen latency).</summary>
public readonly record struct IngestItem(Post Post, DateTimeOffset AcceptedAt);
