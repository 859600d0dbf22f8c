using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Posts;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Live;

public class LiveUpdateQueueTests
{
    private static AnalysedPost Post(string id) => TestPosts.Analysed(TestPosts.Make(id, "#救助 " + id), new PostAnalysis());

    private static LiveChanges Deleted(string id) => new([new PostKey("x", id)], []);

    private static LiveChanges Claim(string claim, string to) =>
        new([], [new ClaimStatusChange(claim, ClaimStatuses.Unverified, to, null, DateTimeOffset.UnixEpoch, "test")]);

    private static string Describe(LiveUpdate update) => string.Join(" | ", update.Steps.Select(s => s.Posts is { } p
        ? "posts " + string.Join(",", p.Select(x => x.Post.SourcePostId))
        : "changes " + string.Join(",", s.Changes!.Deleted.Select(k => "-" + k.SourcePostId).Concat(s.Changes.ClaimStatuses.Select(c => c.ClaimId + "=" + c.To)))));

    [Fact]
    public void Only_the_first_delivery_starts_a_drainer_and_the_drainer_stops_when_the_queue_is_empty()
    {
        var queue = new LiveUpdateQueue();
        Assert.True(queue.Offer([Post("a")]));
        Assert.False(queue.Offer([Post("b")]));           // a drainer is already on its way
        Assert.Equal("posts a,b", Describe(queue.TakeNext()!));
        Assert.False(queue.Offer([Post("c")]));           // still draining: it will take this one
        Assert.Equal("posts c", Describe(queue.TakeNext()!));
        Assert.Null(queue.TakeNext());                     // empty: the drainer stops ...
        Assert.True(queue.Offer([Post("d")]));            // ... so the next delivery starts one
    }

    [Fact]
    public void Deliveries_while_an_update_is_applied_merge_into_one_pending_update_and_nothing_is_lost()
    {
        var queue = new LiveUpdateQueue();
        queue.Offer([Post("1")]);
        var first = queue.TakeNext()!;                     // being applied ...
        for (int i = 2; i <= 6; i++) queue.Offer([Post(i.ToString())]);

        var next = queue.TakeNext()!;
        Assert.Equal(1, first.Deliveries);
        Assert.Equal(5, next.Deliveries);
        Assert.Equal("posts 2,3,4,5,6", Describe(next));
        Assert.Equal(5, next.PostCount);
    }

    [Fact]
    public void Deletions_and_claim_changes_keep_their_place_between_the_posts()
    {
        var queue = new LiveUpdateQueue();
        queue.Offer([Post("1")]);
        queue.Offer(Deleted("1"));
        queue.Offer(Claim("c1", ClaimStatuses.Disputed));
        queue.Offer([Post("2")]);
        queue.Offer([Post("3")]);
        queue.Offer(Deleted("3"));

        // Same kinds next to each other merge; the order of kinds is the order of delivery,
        // so post 1 is added, then removed, and post 3 likewise.
        Assert.Equal("posts 1 | changes -1,c1=disputed | posts 2,3 | changes -3", Describe(queue.TakeNext()!));
    }

    [Fact]
    public void Empty_deliveries_are_not_queued()
    {
        var queue = new LiveUpdateQueue();
        Assert.False(queue.Offer([]));
        Assert.False(queue.Offer(new LiveChanges([], [])));
        Assert.True(queue.Offer([Post("a")]));
    }

    [Fact]
    public async Task Deliveries_from_many_threads_are_all_taken_exactly_once()
    {
        var queue = new LiveUpdateQueue();
        var taken = new List<string>();
        int drainersStarted = 0;
        async Task DeliverAsync(int thread)
        {
            for (int i = 0; i < 500; i++)
            {
                if (queue.Offer([Post($"{thread}-{i}")]))
                {
                    Interlocked.Increment(ref drainersStarted);
                    // The drainer: takes until empty, as a circuit would.
                    while (queue.TakeNext() is { } u) lock (taken) taken.AddRange(u.Steps.SelectMany(s => s.Posts!).Select(p => p.Post.SourcePostId));
                }
                if (i % 50 == 0) await Task.Yield();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() => DeliverAsync(t))));

        Assert.Equal(2_000, taken.Count);
        Assert.Equal(2_000, taken.Distinct().Count());
        Assert.True(drainersStarted >= 1);
    }
}
