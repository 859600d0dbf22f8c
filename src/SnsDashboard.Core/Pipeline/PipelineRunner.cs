using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Core.Pipeline;

/// <summary>
/// Moves posts from the ingest queue through the stages into the store and the live bus:
/// one loop analyses batches (the pure stages of a batch on several threads, the stateful ones in
/// stream order: <see cref="PostAnalyser.AnalyseBatch"/>), a second loop writes them to the store
/// and publishes them, so analysis and I/O overlap on two cores.
///
/// Accepted data is never dropped here: a post whose analysis throws is stored with an empty
/// analysis (counted as failed), and a failed store write is retried with backoff until it
/// succeeds or the host stops (the queue then fills and the overload policy applies upstream).
/// </summary>
public sealed class PipelineRunner
{
    private readonly IngestQueue _queue;
    private readonly BatchAnalysis _analyse;
    private readonly IPostStore _store;
    private readonly IAnalysedPostPublisher _publisher;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly IPostBatchEncoder? _encoder;
    private readonly Channel<IReadOnlyList<AnalysedPost>> _toStore;

    /// <summary>Analyses one post at a time, in order, on the analysis loop.</summary>
    public PipelineRunner(IngestQueue queue, Func<Post, DateTimeOffset, PostAnalysis> analyse, IPostStore store,
        IAnalysedPostPublisher publisher, PipelineMetrics metrics, PipelineOptions options, TimeProvider time,
        ILogger<PipelineRunner> logger)
        : this(queue, OneByOne(analyse), store, publisher, metrics, options, time, logger) { }

    /// <summary>Analyses whole batches (e.g. <see cref="PostAnalyser.AnalyseBatch"/>).</summary>
    public PipelineRunner(IngestQueue queue, BatchAnalysis analyse, IPostStore store,
        IAnalysedPostPublisher publisher, PipelineMetrics metrics, PipelineOptions options, TimeProvider time,
        ILogger<PipelineRunner> logger)
    {
        _queue = queue;
        _analyse = analyse;
        _store = store;
        _encoder = store as IPostBatchEncoder;
        _publisher = publisher;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _maxBatch = options.MaxBatchSize;
        _toStore = Channel.CreateBounded<IReadOnlyList<AnalysedPost>>(new BoundedChannelOptions(options.StoreQueueBatches) { SingleReader = true, SingleWriter = true });
        metrics.ObserveStoreQueueDepth(() => _toStore.Reader.Count);
    }

    /// <summary>Runs until cancelled, or until the ingest queue is completed and drained.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var analyse = Task.Run(() => AnalyseLoopAsync(ct), CancellationToken.None);
        var store = Task.Run(() => StoreLoopAsync(ct), CancellationToken.None);
        try { await analyse; }
        finally { _toStore.Writer.TryComplete(); }
        await store;
    }

    private async Task AnalyseLoopAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                var items = new List<IngestItem>(Math.Min(_maxBatch, reader.Count + 1));
                var now = _time.GetUtcNow();
                while (items.Count < _maxBatch && reader.TryRead(out var item)) items.Add(item);
                var posts = new Post[items.Count];
                for (int i = 0; i < posts.Length; i++) posts[i] = items[i].Post;
                var analyses = new PostAnalysis?[posts.Length];
                var errors = new Exception?[posts.Length];
                try { _analyse(posts, now, analyses, errors); }
                catch (Exception e)
                {
                    // A failure outside any one post's stages: the posts without a result are stored
                    // without analysis like any failed post, never dropped.
                    for (int i = 0; i < errors.Length; i++) if (analyses[i] is null) errors[i] ??= e;
                }

                var batch = new List<AnalysedPost>(posts.Length);
                int failed = 0;
                for (int i = 0; i < posts.Length; i++)
                {
                    var analysis = analyses[i];
                    if (analysis is null)
                    {
                        failed++;
                        analysis = PostAnalysis.Empty;
                        _logger.LogError(errors[i], "Analysis failed for {Key}; stored without analysis", posts[i].Key);
                    }
                    batch.Add(new AnalysedPost(posts[i], analysis, items[i].AcceptedAt));
                }
                _metrics.Analysed(batch.Count - failed);
                if (failed > 0) _metrics.Failed(failed);
                await _toStore.Writer.WriteAsync(EncodeForStore(batch), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>The store's encoding runs here, on the analysis threads, so the writer never waits for it.
    /// If encoding fails the plain batch goes on: the store encodes it itself (and its write is retried).</summary>
    private IReadOnlyList<AnalysedPost> EncodeForStore(List<AnalysedPost> batch)
    {
        if (_encoder is null) return batch;
        try { return _encoder.Encode(batch); }
        catch (Exception e)
        {
            _logger.LogError(e, "Encoding a batch of {Count} for the store failed; the store encodes it on write", batch.Count);
            return batch;
        }
    }

    private static BatchAnalysis OneByOne(Func<Post, DateTimeOffset, PostAnalysis> analyse) => (posts, now, results, errors) =>
    {
        for (int i = 0; i < posts.Count; i++)
        {
            try { results[i] = analyse(posts[i], now); }
            catch (Exception e) { errors[i] = e; }
        }
    };

    private async Task StoreLoopAsync(CancellationToken ct)
    {
        // Drains what was analysed even after cancellation was requested, so accepted posts
        // reach the store on a clean shutdown.
        await foreach (var batch in _toStore.Reader.ReadAllAsync(CancellationToken.None))
        {
            var sw = Stopwatch.StartNew();
            await AppendWithRetryAsync(batch, ct);
            _metrics.Stored(batch.Count, sw.Elapsed.TotalMilliseconds);
            try
            {
                _publisher.Publish(batch);
                _metrics.Published(batch.Count);
            }
            catch (Exception e) { _logger.LogError(e, "Live publish failed for a batch of {Count}", batch.Count); }
        }
    }

    private async Task AppendWithRetryAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception e)
            {
                _metrics.StoreError();
                _logger.LogError(e, "Store write of {Count} posts failed (attempt {Attempt}); retrying", batch.Count, attempt);
                if (ct.IsCancellationRequested && attempt >= 3) throw;
                await Task.Delay(delay, _time, CancellationToken.None);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }
}

/// <summary>Analyses a stretch of the stream in order: <c>results[i]</c> for <c>posts[i]</c>, or
/// null with the exception in <c>errors[i]</c> when that post's analysis failed.</summary>
public delegate void BatchAnalysis(IReadOnlyList<Post> posts, DateTimeOffset now, PostAnalysis?[] results, Exception?[] errors);
