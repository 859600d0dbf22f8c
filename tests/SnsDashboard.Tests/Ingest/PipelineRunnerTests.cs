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
