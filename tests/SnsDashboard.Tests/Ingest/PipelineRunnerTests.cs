using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Tests.TestSupport;

namespace SnsDashboard.Tests.Ingest;

public class PipelineRunnerTests
{
    private sealed class RecordingPublisher : IAnalysedPostPublisher
    {
        public readonly List<AnalysedPost> Published = [];
        public void Publish(IReadOnlyList<AnalysedPost> batch) { lock (Published) Published.AddRange(batch); }
    }

    private static async Task<(InMemoryPostStore Store, RecordingPublisher Bus, PipelineMetrics Metrics)> RunAsync(
        IEnumerable<Post> posts, Func<Post, DateTimeOffset, PostAnalysis> analyse, InMemoryPostStore? store = null)
    {
        store ??= new InMemoryPostStore();
        var bus = new RecordingPublisher();
        var metrics = new PipelineMetrics();
        var options = new PipelineOptions { QueueCapacity = 1_000, MaxBatchSize = 7 };
        var queue = new IngestQueue(options, metrics, TimeProvider.System, NullLogger<IngestQueue>.Instance);
        var runner = new PipelineRunner(queue, analyse, store, bus, metrics, options, TimeProvider.System, NullLogger<PipelineRunner>.Instance);
        var run = runner.RunAsync(CancellationToken.None);
        foreach (var p in posts) await queue.OfferAsync(p, OfferMode.Wait, default);
        queue.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        return (store, bus, metrics);
    }

    [Fact]
    public async Task Every_accepted_post_is_analysed_stored_and_published_in_order()
    {
        var posts = Enumerable.Range(0, 50).Select(i => PostBuilder.Make("p" + i)).ToList();
        var (store, bus, metrics) = await RunAsync(posts, (p, _) => new PostAnalysis { Relevant = p.SourcePostId.EndsWith('7') });

        Assert.Equal(posts.Select(p => p.SourcePostId), store.Posts.Select(p => p.Post.SourcePostId));
        Assert.Equal(50, bus.Published.Count);
        Assert.Equal(5, store.Posts.Count(p => p.Analysis.Relevant));
        var c = metrics.Snapshot();
        Assert.Equal(50, c.Analysed);
        Assert.Equal(50, c.Stored);
    }

    [Fact]
    public async Task A_post_whose_analysis_throws_is_still_stored_and_counted_as_failed()
    {
        var posts = new[] { PostBuilder.Make("ok"), PostBuilder.Make("boom"), PostBuilder.Make("ok2") };
        var (store, _, metrics) = await RunAsync(posts, (p, _) =>
            p.SourcePostId == "boom" ? throw new InvalidOperationException("stage bug") : new PostAnalysis { Relevant = true });

        Assert.Equal(3, store.Posts.Count);
        Assert.False(store.Posts.Single(p => p.Post.SourcePostId == "boom").Analysis.Relevant);
        Assert.Equal(1, metrics.Snapshot().Failed);
    }

    [Fact]
    public async Task A_failing_store_is_retried_and_no_accepted_post_is_lost()
    {
        var store = new InMemoryPostStore { FailNextWrites = 2 };
        var posts = Enumerable.Range(0, 20).Select(i => PostBuilder.Make("s" + i)).ToList();
        var (_, bus, metrics) = await RunAsync(posts, (_, _) => PostAnalysis.Empty, store);

        Assert.Equal(20, store.Posts.Count);
        Assert.Equal(20, bus.Published.Count);
        Assert.Equal(2, metrics.Snapshot().StoreErrors);
    }

    [Fact]
    public async Task Ingested_at_is_when_the_queue_accepted_the_post()
    {
        var before = DateTimeOffset.UtcNow;
        var (store, _, _) = await RunAsync([PostBuilder.Make("t")], (_, _) => PostAnalysis.Empty);
        var stored = Assert.Single(store.Posts);
        Assert.InRange(stored.IngestedAt, before, DateTimeOffset.UtcNow);
    }
}

public class PipelineRunnerEncodingTests
{
    /// <summary>A store that encodes ahead (like the SQLite store) and records what reached the writer.</summary>
    private sealed class EncodingStore(bool failEncoding) : SnsDashboard.Core.Storage.IPostStore, SnsDashboard.Core.Storage.IPostBatchEncoder
    {
        public sealed class Encoded(IReadOnlyList<AnalysedPost> posts) : List<AnalysedPost>(posts);
        public readonly InMemoryPostStore Inner = new();
        public int EncodedBatches, PlainBatches;
        public IReadOnlyList<AnalysedPost> Encode(IReadOnlyList<AnalysedPost> batch) =>
            failEncoding ? throw new InvalidOperationException("encoder bug") : new Encoded(batch);
        public Task<int> AppendAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct = default)
        {
            if (batch is Encoded) Interlocked.Increment(ref EncodedBatches); else Interlocked.Increment(ref PlainBatches);
            return Inner.AppendAsync(batch, ct);
        }
        public Task InitialiseAsync(CancellationToken ct = default) => Task.CompletedTask;
        public Task<IReadOnlyList<AnalysedPost>> QueryAsync(SnsDashboard.Core.Storage.PostQuery query, CancellationToken ct = default) => Inner.QueryAsync(query, ct);
        public Task<long> CountAsync(SnsDashboard.Core.Storage.PostQuery query, CancellationToken ct = default) => Inner.CountAsync(query, ct);
        public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct = default) => Inner.PurgeOlderThanAsync(cutoff, ct);
        public Task<SnsDashboard.Core.Storage.StoreStats> GetStatsAsync(CancellationToken ct = default) => Inner.GetStatsAsync(ct);
    }

    private static async Task RunAsync(EncodingStore store, int posts)
    {
        var metrics = new PipelineMetrics();
        var options = new PipelineOptions { QueueCapacity = 1_000, MaxBatchSize = 7, StoreQueueBatches = 1 };
        var queue = new IngestQueue(options, metrics, TimeProvider.System, NullLogger<IngestQueue>.Instance);
        var runner = new PipelineRunner(queue, (_, _) => PostAnalysis.Empty, store, new NullPublisher(), metrics, options, TimeProvider.System, NullLogger<PipelineRunner>.Instance);
        var run = runner.RunAsync(CancellationToken.None);
        for (int i = 0; i < posts; i++) await queue.OfferAsync(PostBuilder.Make("e" + i), OfferMode.Wait, default);
        queue.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class NullPublisher : IAnalysedPostPublisher { public void Publish(IReadOnlyList<AnalysedPost> batch) { } }

    [Fact]
    public async Task Batches_reach_the_store_encoded_by_the_analysis_loop()
    {
        var store = new EncodingStore(failEncoding: false);
        await RunAsync(store, 50);
        Assert.Equal(50, store.Inner.Posts.Count);
        Assert.True(store.EncodedBatches > 0);
        Assert.Equal(0, store.PlainBatches);
    }

    [Fact]
    public async Task A_failing_encoder_loses_no_post_the_store_gets_the_plain_batch()
    {
        var store = new EncodingStore(failEncoding: true);
        await RunAsync(store, 50);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "e" + i), store.Inner.Posts.Select(p => p.Post.SourcePostId));
        Assert.Equal(0, store.EncodedBatches);
    }
}
