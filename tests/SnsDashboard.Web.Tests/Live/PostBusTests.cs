using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Live;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Live;

public class PostBusTests
{
    private static PostBus NewBus(int maxPending = 1_000) =>
        new(Options.Create(new LiveOptions { BatchIntervalMs = 50, MaxPendingPerSubscriber = maxPending }), NullLogger<PostBus>.Instance, TimeProvider.System);

    private static AnalysedPost Item(string id, bool relevant = true) =>
        TestPosts.Analysed(TestPosts.Make(id, "text " + id), new PostAnalysis { Relevant = relevant });

    [Fact]
    public async Task Subscribers_get_matching_posts_in_batches_not_one_call_per_post()
    {
        await using var bus = NewBus();
        var batches = new List<IReadOnlyList<AnalysedPost>>();
        using var sub = bus.Subscribe(PostFilter.Relevant, b => { lock (batches) batches.Add(b); return Task.CompletedTask; });

        bus.Publish([Item("1"), Item("2", relevant: false), Item("3")]);
        bus.Publish([Item("4")]);
        for (int i = 0; i < 100 && batches.Sum(b => b.Count) < 3; i++) await Task.Delay(20);

        Assert.Equal(["1", "3", "4"], batches.SelectMany(b => b).Select(p => p.Post.SourcePostId));
        Assert.Single(batches);
    }

    [Fact]
    public async Task Batches_are_delivered_in_the_subscribers_culture_not_the_publishers()
    {
        await using var bus = NewBus();
        var seen = new TaskCompletionSource<string>();
        IDisposable? sub = null;
        await Task.Run(() =>
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            sub = bus.Subscribe(PostFilter.All, _ => { seen.TrySetResult(CultureInfo.CurrentUICulture.Name); return Task.CompletedTask; });
        });
        await Task.Run(() =>
        {
            CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
            bus.Publish([Item("1")]);
        });
        Assert.Equal("en", await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        sub!.Dispose();
    }

    [Fact]
    public async Task A_slow_subscriber_loses_its_oldest_posts_and_the_drop_is_counted()
    {
        await using var bus = NewBus(maxPending: 100);
        var gate = new TaskCompletionSource();
        var received = 0;
        using var sub = bus.Subscribe(PostFilter.All, async b => { await gate.Task; Interlocked.Add(ref received, b.Count); });

        bus.Publish([Item("first")]);
        await Task.Delay(200); // the first batch is now in flight and blocked
        bus.Publish(Enumerable.Range(0, 150).Select(i => Item("p" + i)).ToList());
        Assert.Equal(50, bus.DroppedForSlowSubscribers);
        gate.SetResult();
        for (int i = 0; i < 100 && received < 101; i++) await Task.Delay(20);
        Assert.Equal(101, received);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        await using var bus = NewBus();
        var got = new TaskCompletionSource();
        using var bad = bus.Subscribe(PostFilter.All, _ => throw new InvalidOperationException("circuit gone"));
        using var good = bus.Subscribe(PostFilter.All, _ => { got.TrySetResult(); return Task.CompletedTask; });
        bus.Publish([Item("1")]);
        await got.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, bus.SubscriberCount);
    }
}
