using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Tests.Replay;
using SnsDashboard.Tests.TestSupport;

namespace SnsDashboard.Tests.Pipeline;

/// <summary>
/// The pipeline runs the pure stages of a batch on several threads and the stateful ones (copies,
/// claims) in stream order. That must not change a single byte of any analysis: the committed
/// scenarios, analysed in batches with parallel workers, give exactly what the analyser gives post
/// after post (as <c>sns analyze</c> runs it).
/// </summary>
public class BatchAnalysisTests
{
    private static readonly PipelineSnapshot Snapshot = PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"));

    [Theory]
    [InlineData("kumamoto-earthquake.jsonl", 4, 500)]
    [InlineData("kyushu-heavy-rain.jsonl", 4, 500)]
    [InlineData("kumamoto-earthquake.jsonl", 2, 97)]
    [InlineData("kyushu-heavy-rain.jsonl", 3, 2_000)]
    public void Batched_parallel_analysis_of_a_scenario_is_byte_identical_to_one_post_after_another(string file, int workers, int batchSize)
    {
        var posts = ScenarioPaths.ScenarioPosts(file);
        Assert.True(posts.Count > 1_000, $"{file}: {posts.Count} posts");
        var now = posts[^1].CreatedAt;

        var oneByOne = new PostAnalyser(new SnapshotHolder(Snapshot));
        var expected = posts.Select(p => PostJson.SerializeToUtf8(oneByOne.Analyse(p, now))).ToList();

        var batched = new PostAnalyser(new SnapshotHolder(Snapshot), new SnsDashboard.Core.Claims.ClaimStatusBoard(), workers: workers);
        var actual = new List<byte[]>();
        for (int start = 0; start < posts.Count; start += batchSize)
        {
            var batch = posts.GetRange(start, Math.Min(batchSize, posts.Count - start));
            var results = new PostAnalysis?[batch.Count];
            var errors = new Exception?[batch.Count];
            batched.AnalyseBatch(batch, now, results, errors);
            Assert.All(errors, Assert.Null);
            actual.AddRange(results.Select(r => PostJson.SerializeToUtf8(r!)));
        }

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]),
                $"{file} post {posts[i].SourcePostId}: {System.Text.Encoding.UTF8.GetString(expected[i])} != {System.Text.Encoding.UTF8.GetString(actual[i])}");
        // The scenarios exercise the stateful stages: copies and shared claims exist.
        Assert.Contains(expected, e => System.Text.Encoding.UTF8.GetString(e).Contains("\"duplicate_of\""));
    }

    [Fact]
    public void A_post_whose_stages_throw_gets_an_error_and_the_rest_of_the_batch_is_analysed()
    {
        var analyser = new PostAnalyser(new SnapshotHolder(Snapshot), new SnsDashboard.Core.Claims.ClaimStatusBoard(), workers: 2);
        var posts = Enumerable.Range(0, 200).Select(i => PostBuilder.Make("p" + i, text: "益城町で停電しています " + i)).ToList();
        posts[70] = posts[70] with { Text = null! }; // the normaliser throws on null text
        var results = new PostAnalysis?[posts.Count];
        var errors = new Exception?[posts.Count];

        analyser.AnalyseBatch(posts, DateTimeOffset.UtcNow, results, errors);

        Assert.Null(results[70]);
        Assert.NotNull(errors[70]);
        Assert.All(Enumerable.Range(0, posts.Count).Where(i => i != 70), i => { Assert.NotNull(results[i]); Assert.Null(errors[i]); });
        Assert.True(results[0]!.Relevant);
    }

    [Fact]
    public async Task The_runner_stores_a_failed_post_of_a_batch_without_analysis_and_counts_it()
    {
        var (store, metrics) = await RunAsync(30, (posts, _, results, errors) =>
        {
            for (int i = 0; i < posts.Count; i++)
                if (posts[i].SourcePostId == "p13") errors[i] = new InvalidOperationException("boom");
                else results[i] = new PostAnalysis { Relevant = true };
        });

        Assert.Equal(30, store.Posts.Count);
        Assert.False(store.Posts.Single(p => p.Post.SourcePostId == "p13").Analysis.Relevant);
        Assert.Equal(29, store.Posts.Count(p => p.Analysis.Relevant));
        Assert.Equal(1, metrics.Snapshot().Failed);
    }

    [Fact]
    public async Task When_the_batch_analysis_itself_throws_the_posts_it_left_are_stored_without_analysis()
    {
        var (store, metrics) = await RunAsync(30, (posts, _, results, _) =>
        {
            for (int i = 0; i < Math.Min(5, posts.Count); i++) results[i] = new PostAnalysis { Relevant = true };
            throw new InvalidOperationException("worker pool broke");
        });

        Assert.Equal(30, store.Posts.Count);
        Assert.Equal(5, store.Posts.Count(p => p.Analysis.Relevant));
        Assert.Equal(25, metrics.Snapshot().Failed);
    }

    private static async Task<(InMemoryPostStore Store, PipelineMetrics Metrics)> RunAsync(int count, BatchAnalysis analyse)
    {
        var store = new InMemoryPostStore();
        var metrics = new PipelineMetrics();
        var options = new PipelineOptions { QueueCapacity = 1_000, MaxBatchSize = 50 };
        var queue = new IngestQueue(options, metrics, TimeProvider.System, NullLogger<IngestQueue>.Instance);
        // All posts are queued before the runner starts, so they form one batch.
        for (int i = 0; i < count; i++) await queue.OfferAsync(PostBuilder.Make("p" + i), OfferMode.Wait, default);
        queue.Complete();
        var runner = new PipelineRunner(queue, analyse, store, new NullPublisher(), metrics, options, TimeProvider.System, NullLogger<PipelineRunner>.Instance);
        await runner.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return (store, metrics);
    }

    private sealed class NullPublisher : IAnalysedPostPublisher
    {
        public void Publish(IReadOnlyList<AnalysedPost> batch) { }
    }
}
