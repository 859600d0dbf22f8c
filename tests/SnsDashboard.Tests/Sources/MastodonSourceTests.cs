using System.Text;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.Mastodon;

namespace SnsDashboard.Tests.Sources;

public class MastodonSourceTests : IAsyncLifetime
{
    private readonly MastodonFake _fake = new();
    private readonly HttpClient _http = new();
    private readonly RecordingRetractor _retractor = new();

    public async Task InitializeAsync() => await _fake.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _http.Dispose();
    }

    private MastodonSource Source(string? sse = null, Action<MastodonServerOptions>? configure = null)
    {
        var o = new MastodonServerOptions
        {
            Enabled = true,
            BaseUrl = _fake.BaseUri.ToString(),
            AccessToken = _fake.AccessToken,
            Streams = ["public:local", "hashtag:救助"],
            Backoff = LiveSourceHarness.FastBackoff,
        };
        configure?.Invoke(o);
        return new MastodonSource(o, _http, _retractor, sseStream: sse);
    }

    private async Task<LiveSourceHarness> ConnectedAsync(MastodonSource source)
    {
        var h = new LiveSourceHarness(source);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 1 && h.Health.State == SourceStates.Running), "connector did not connect");
        await Task.Delay(100); // subscriptions are sent right after the upgrade
        return h;
    }

    [Fact]
    public async Task WebSocket_statuses_of_subscribed_streams_arrive_as_plain_text_posts()
    {
        await using var h = await ConnectedAsync(Source());
        var post = LivePosts.Make("□□川の堤防から水が<あふれて>います & 避難中\n2行目", hashtags: ["救助"]);
        var id = _fake.PublishStatus(post);
        _fake.PublishStatus(LivePosts.Make("remote only"), local: false);
        Assert.True(await h.WaitForPostsAsync(1));
        await Task.Delay(200);
        var p = Assert.Single(h.Posts);
        Assert.Equal("mastodon", p.Source);
        Assert.Equal($"http://{_fake.Host}/users/resident_{post.Author.Handle!.Split('_')[1]}/statuses/{id}", p.SourcePostId);
        Assert.Equal("□□川の堤防から水が<あふれて>います & 避難中\n2行目", p.Text);
        Assert.EndsWith("@" + _fake.Host, p.Author.Handle);
        Assert.Equal(["救助"], p.Hashtags);
        Assert.Equal("ja", p.Lang);
    }

    [Fact]
    public async Task SSE_stream_delivers_posts_and_heartbeats_keep_it_alive()
    {
        _fake.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        // Stall timeout 2 s, watched for 5 s: without the heartbeats the source would reconnect at
        // least once; the margin keeps a loaded machine's scheduling delays from looking like a stall.
        await using var h = await ConnectedAsync(Source("public:local", o => o.StallTimeoutSeconds = 2));
        _fake.Behaviour.SplitMessages = true;
        _fake.PublishStatus(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        await Task.Delay(5000);
        Assert.True(_fake.ConnectionsAccepted == 1, h.Health.LastError);
        Assert.Equal(0, h.Health.Reconnects);
    }

    [Fact]
    public async Task SSE_without_heartbeats_is_detected_as_stalled()
    {
        _fake.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        await using var h = await ConnectedAsync(Source("public:local", o => o.StallTimeoutSeconds = 1));
        _fake.Behaviour.Silent = true;
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ConnectionsAccepted >= 2, 8000));
        _fake.Behaviour.Silent = false;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("public:local")]
    public async Task After_a_gap_the_REST_timeline_catches_up_with_min_id(string? sse)
    {
        await using var h = await ConnectedAsync(Source(sse));
        var firstId = _fake.PublishStatus(LivePosts.Make("最初の投稿"));
        Assert.True(await h.WaitForPostsAsync(1));

        _fake.Behaviour.RefuseNext(3, 503);
        _fake.DropConnections();
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 0));
        for (var i = 0; i < 45; i++) _fake.PublishStatus(LivePosts.Make("切断中の投稿 " + i));

        Assert.True(await h.WaitForPostsAsync(46), $"got {h.Posts.Count}, {h.Health.LastError}, {h.Health.State}, timeline {_fake.TimelineRequests}, gaps {h.Health.Gaps} {h.Health.LastGap}, recv {h.Health.Received}, rej {h.Health.Rejected}, drop {string.Join(",", h.Health.DroppedByReason)} conns {_fake.ConnectionsAccepted} active {_fake.ActiveConnections}");
        Assert.True(_fake.TimelineRequests >= 2); // 45 statuses = two pages of 40
        Assert.Equal(46, h.Posts.Select(p => p.SourcePostId).Distinct().Count());
        Assert.Equal(0, h.Health.Gaps);
        Assert.NotNull(firstId);
    }

    [Fact]
    public async Task A_catch_up_longer_than_the_page_limit_is_reported_as_a_gap()
    {
        await using var h = await ConnectedAsync(Source(configure: o => o.CatchUpMaxPages = 1));
        _fake.PublishStatus(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        _fake.Behaviour.RefuseNext(2, 503);
        _fake.DropConnections();
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 0));
        for (var i = 0; i < 60; i++) _fake.PublishStatus(LivePosts.Make("切断中 " + i));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.Gaps == 1));
        Assert.Contains("catch-up stopped", h.Health.LastGap);
    }

    [Fact]
    public async Task Delete_events_retract_the_post_by_its_uri()
    {
        await using var h = await ConnectedAsync(Source());
        var id = _fake.PublishStatus(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        _fake.PublishDelete(id);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _retractor.Retracted.Count == 1));
        Assert.Equal(h.Posts.Single().SourcePostId, _retractor.Retracted.Single().SourcePostId);
    }

    [Fact]
    public async Task A_wrong_token_puts_the_source_in_the_unauthorized_state()
    {
        await using var h = new LiveSourceHarness(Source(configure: o => o.AccessToken = "wrong"));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.State == SourceStates.Unauthorized));
        Assert.True(h.Health.BackoffAtMaximum);
        Assert.DoesNotContain("wrong", h.Health.LastError);
    }

    [Fact]
    public async Task Garbage_frames_unknown_events_and_error_frames_are_counted_and_skipped()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"stream\":[\"public:local\"],\"event\":\"update\",\"payload\":\"{broken\"}"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("not json at all"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"error\":\"Unknown stream type\",\"status\":400}"));
        _fake.PublishUnknownEvent();
        _fake.PublishStatus(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.DroppedByReason.GetValueOrDefault("unknown_event") == 1));
        Assert.Equal(2, h.Health.DroppedByReason.GetValueOrDefault("malformed"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("server_error"));
        Assert.Equal(0, h.Health.Reconnects);
    }

    [Fact]
    public void Html_becomes_text_with_links_kept_and_hashtag_links_left_out()
    {
        var links = new List<string>();
        var text = HtmlText.ToPlainText("<p>冠水 <a href=\"https://x.example/tags/a\" class=\"mention hashtag\">#<span>a</span></a></p><p>詳細 <a href=\"https://city.example.lg.jp/info?a=1&amp;b=2\">link</a><br/>&lt;script&gt;</p>", links);
        Assert.Equal("冠水 #a\n\n詳細 link\n<script>", text);
        Assert.Equal(["https://city.example.lg.jp/info?a=1&b=2"], links);
    }
}
