using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Posts;
using SnsDashboard.Web.Components.Pages.LiveFeed;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Live;

/// <summary>Deletions at the source and claim status changes reach views that already show the posts.</summary>
public class LiveChangesTests
{
    private static readonly DateTimeOffset Now = new(2016, 4, 16, 2, 0, 0, TimeSpan.FromHours(9));

    private static PostBus NewBus() =>
        new(Options.Create(new LiveOptions { BatchIntervalMs = 30, MaxPendingPerSubscriber = 1_000 }), NullLogger<PostBus>.Instance, TimeProvider.System);

    private static AnalysedPost Item(string id, string? claim = null, string status = ClaimStatuses.Unverified) =>
        TestPosts.Analysed(TestPosts.Make(id, "text " + id, Now), new PostAnalysis
        {
            Relevant = true,
            ClaimId = claim,
            ClaimStatus = status,
            Location = new PostLocation { Lat = 32.8, Lon = 130.8, Level = "town", Source = "text" },
        });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 250 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }

    [Fact]
    public async Task A_deletion_reaches_every_subscriber_after_the_posts_of_the_same_tick()
    {
        await using var bus = NewBus();
        var log = new List<string>();
        using var narrow = bus.Subscribe(new PostFilter { Categories = ["rescue_request"] }, _ => Task.CompletedTask,
            c => { lock (log) log.Add("narrow:" + string.Join(",", c.Deleted)); return Task.CompletedTask; });
        using var all = bus.Subscribe(PostFilter.All, b => { lock (log) log.Add("posts:" + b.Count); return Task.CompletedTask; },
            c => { lock (log) log.Add("all:" + string.Join(",", c.Deleted)); return Task.CompletedTask; });

        bus.Publish([Item("1"), Item("2")]);
        bus.PublishDeleted([new PostKey("x", "9")]);
        await WaitUntilAsync(() => { lock (log) return log.Count == 3; });

        // Deletions carry no content, so subscribers get them whatever their filter.
        Assert.Contains("narrow:x/9", log);
        Assert.True(log.IndexOf("posts:2") < log.IndexOf("all:x/9"));
    }

    [Fact]
    public async Task A_post_deleted_before_its_batch_is_flushed_or_published_is_never_delivered()
    {
        await using var bus = NewBus();
        var delivered = new List<string>();
        var deleted = new List<PostKey>();
        var gate = new TaskCompletionSource();
        using var sub = bus.Subscribe(PostFilter.All,
            async b => { await gate.Task; lock (delivered) delivered.AddRange(b.Select(p => p.Post.SourcePostId)); },
            c => { lock (deleted) deleted.AddRange(c.Deleted); return Task.CompletedTask; });

        bus.Publish([Item("first")]);               // in flight, held by the gate
        await Task.Delay(100);
        bus.Publish([Item("pending"), Item("kept")]); // waiting in the subscriber's buffer
        bus.PublishDeleted([new PostKey("x", "pending"), new PostKey("x", "late")]);
        bus.Publish([Item("late")]);                 // stored before the delete, published after it
        gate.SetResult();

        await WaitUntilAsync(() => { lock (deleted) return deleted.Count == 2; });
        await Task.Delay(150);
        Assert.Equal(["first", "kept"], delivered);
    }

    [Fact]
    public async Task Claim_status_changes_on_the_board_reach_subscribers_through_the_relay()
    {
        await using var bus = NewBus();
        var board = new ClaimStatusBoard();
        var relay = new ClaimStatusRelay(board, bus);
        await relay.StartAsync(default);
        var got = new List<LiveChanges>();
        using var sub = bus.Subscribe(PostFilter.All, _ => Task.CompletedTask, c => { lock (got) got.Add(c); return Task.CompletedTask; });

        board.Decide(new OperatorDecision("c-lion", ClaimStatuses.Debunked, "op1", Now));
        await WaitUntilAsync(() => { lock (got) return got.Count == 1; });
        Assert.Equal(ClaimStatuses.Debunked, got[0].LatestStatusByClaim["c-lion"]);

        await relay.StopAsync(default);
        board.Decide(new OperatorDecision("c-lion", ClaimStatuses.Confirmed, "op1", Now.AddMinutes(1)));
        await Task.Delay(150);
        Assert.Single(got);
    }

    [Fact]
    public void Map_markers_of_deleted_posts_are_removed_and_changed_claims_restyled()
    {
        var markers = new MapMarkers();
        var (added, _) = markers.Add([Item("a", "c1"), Item("b", "c1"), Item("c", "c2"), Item("d", "c3", ClaimStatuses.Disputed)], c => "");
        Assert.Equal([added[3].Id], MapMarkers.NotableClaimStyles(added).Select(u => u.Id));

        var removed = markers.Remove(new HashSet<PostKey> { new("x", "b"), new("x", "unknown") });
        Assert.Equal([added[1].Id], removed);
        Assert.Null(markers.Get(added[1].Id));

        var updates = markers.ApplyClaimStatuses(new Dictionary<string, string> { ["c1"] = ClaimStatuses.Debunked, ["c3"] = ClaimStatuses.Disputed });
        var u = Assert.Single(updates); // c3 already disputed: nothing to redraw
        Assert.Equal(added[0].Id, u.Id);
        Assert.Equal(ClaimStatuses.Debunked, u.Status);
        Assert.EndsWith("⚠", u.Grade);
        Assert.Equal(ClaimStatuses.Debunked, markers.Get(added[0].Id)!.Analysis.ClaimStatus);
    }

    [Fact]
    public void Feed_rows_of_deleted_posts_leave_even_while_paused_and_changed_claims_restyle()
    {
        var feed = new FeedList();
        feed.Reset([Item("a", "c1"), Item("b", "c2")]);
        feed.Pause();
        feed.Add([Item("c", "c1"), Item("d")]);
        var rowsBefore = feed.Rows;

        Assert.Equal(2, feed.Remove(new HashSet<PostKey> { new("x", "b"), new("x", "d") }));
        Assert.Equal(["a"], feed.Rows.Select(r => r.Post.SourcePostId));
        Assert.NotSame(rowsBefore, feed.Rows); // the grid sees new data

        Assert.Equal(1, feed.ApplyClaimStatuses(new Dictionary<string, string> { ["c1"] = ClaimStatuses.Debunked }));
        Assert.Equal(ClaimStatuses.Debunked, feed.Rows[0].Analysis.ClaimStatus);
        feed.Resume();
        Assert.Equal(["c", "a"], feed.Rows.Select(r => r.Post.SourcePostId));
        Assert.All(feed.Rows, r => Assert.Equal(ClaimStatuses.Debunked, r.Analysis.ClaimStatus));
    }

    [Fact]
    public void Posts_loaded_after_a_status_change_show_the_claims_current_status()
    {
        var board = new ClaimStatusBoard();
        board.Decide(new OperatorDecision("c1", ClaimStatuses.Debunked, "op1", Now));
        Assert.Equal(ClaimStatuses.Debunked, board.WithCurrentStatus(Item("a", "c1")).Analysis.ClaimStatus);
        var unchanged = Item("b", "c2");
        Assert.Same(unchanged, board.WithCurrentStatus(unchanged));
    }
}
