using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Tests.TestSupport;

namespace SnsDashboard.Tests.Ingest;

public class IngestQueueTests
{
    private static (IngestQueue Queue, PipelineMetrics Metrics) Create(int capacity = 100, int criticalWaitMs = 0)
    {
        var metrics = new PipelineMetrics();
        var options = new PipelineOptions { QueueCapacity = capacity, DedupWindow = 1_000, CriticalWaitMs = criticalWaitMs };
        return (new IngestQueue(options, metrics, TimeProvider.System, NullLogger<IngestQueue>.Instance), metrics);
    }

    [Fact]
    public async Task Same_source_and_id_is_accepted_once_and_counted_as_duplicate()
    {
        var (q, m) = Create();
        Assert.Equal(IngestResult.Accepted, await q.OfferAsync(PostBuilder.Make("1"), OfferMode.NoWait, default));
        Assert.Equal(IngestResult.Duplicate, await q.OfferAsync(PostBuilder.Make("1", "別の本文"), OfferMode.NoWait, default));
        Assert.Equal(IngestResult.Accepted, await q.OfferAsync(PostBuilder.Make("1", source: "bluesky"), OfferMode.NoWait, default));
        var c = m.Snapshot();
        Assert.Equal(2, c.Accepted);
        Assert.Equal(1, c.Duplicates);
        Assert.Equal(2, q.Depth);
    }

    [Fact]
    public async Task A_newer_edit_of_a_known_post_is_accepted_but_an_older_one_is_not()
    {
        var (q, _) = Create();
        await q.OfferAsync(PostBuilder.Make("1", editedAt: PostBuilder.T0.AddMinutes(5)), OfferMode.NoWait, default);
        Assert.Equal(IngestResult.Accepted, await q.OfferAsync(PostBuilder.Make("1", editedAt: PostBuilder.T0.AddMinutes(9)), OfferMode.NoWait, default));
        Assert.Equal(IngestResult.Duplicate, await q.OfferAsync(PostBuilder.Make("1", editedAt: PostBuilder.T0.AddMinutes(7)), OfferMode.NoWait, default));
    }

    [Fact]
    public async Task When_full_live_posts_are_shed_with_a_reason_and_can_be_resent_later()
    {
        var (q, m) = Create(capacity: 100);
        for (int i = 0; i < 100; i++) await q.OfferAsync(PostBuilder.Make("fill" + i), OfferMode.NoWait, default);

        Assert.Equal(IngestResult.Shed, await q.OfferAsync(PostBuilder.Make("r", kind: PostKinds.Repost, repostOf: "fill1"), OfferMode.NoWait, default));
        Assert.Equal(IngestResult.Shed, await q.OfferAsync(PostBuilder.Make("p"), OfferMode.NoWait, default));
        Assert.Equal(2, m.Snapshot().Shed);

        Assert.True(q.Reader.TryRead(out _));
        Assert.Equal(IngestResult.Accepted, await q.OfferAsync(PostBuilder.Make("p"), OfferMode.NoWait, default));
    }

    [Fact]
    public async Task When_full_a_rescue_request_waits_for_space_instead_of_being_shed()
    {
        var (q, m) = Create(capacity: 100, criticalWaitMs: 5_000);
        for (int i = 0; i < 100; i++) await q.OfferAsync(PostBuilder.Make("fill" + i), OfferMode.NoWait, default);

        var offer = q.OfferAsync(PostBuilder.Make("sos", "#救助 益城町宮園 2階に取り残されています"), OfferMode.NoWait, default).AsTask();
        await Task.Delay(50);
        Assert.False(offer.IsCompleted);
        Assert.True(q.Reader.TryRead(out _));
        Assert.Equal(IngestResult.Accepted, await offer);
        Assert.Equal(0, m.Snapshot().Shed);
    }

    [Fact]
    public async Task Replay_sources_wait_for_space_and_lose_nothing()
    {
        var (q, m) = Create(capacity: 100);
        var producer = Task.Run(async () =>
        {
            for (int i = 0; i < 500; i++) await q.OfferAsync(PostBuilder.Make("w" + i), OfferMode.Wait, default);
            q.Complete();
        });
        int read = 0;
        await foreach (var _ in q.Reader.ReadAllAsync()) read++;
        await producer;
        Assert.Equal(500, read);
        Assert.Equal(0, m.Snapshot().Shed);
    }

    [Fact]
    public void Rejected_input_is_counted()
    {
        var (q, m) = Create();
        q.ReportRejected("replay", "line 3: malformed JSON");
        Assert.Equal(1, m.Snapshot().Rejected);
    }
}
