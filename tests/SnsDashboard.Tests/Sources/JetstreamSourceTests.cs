using System.Text;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.Bluesky;

namespace SnsDashboard.Tests.Sources;

public class JetstreamSourceTests : IAsyncLifetime
{
    private readonly JetstreamFake _fake = new();
    private readonly HttpClient _http = new();
    private readonly RecordingRetractor _retractor = new();

    public async Task InitializeAsync() => await _fake.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _http.Dispose();
    }

    private JetstreamSource Source(Action<JetstreamOptions>? configure = null)
    {
        var o = new JetstreamOptions
        {
            Enabled = true,
            JetstreamUrl = new Uri(_fake.BaseUri, "subscribe").ToString(),
            StallTimeoutSeconds = 30,
            Backoff = LiveSourceHarness.FastBackoff,
            MaxMessageBytes = 64 * 1024,
        };
        o.Profiles.Endpoint = _fake.BaseUri.ToString();
        o.Profiles.MaxRequestsPerMinute = 6000;
        configure?.Invoke(o);
        return new JetstreamSource(o, _http, _retractor);
    }

    private async Task<LiveSourceHarness> ConnectedAsync(JetstreamSource source)
    {
        var h = new LiveSourceHarness(source);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 1), "connector did not connect");
        return h;
    }

    [Fact]
    public async Task Japanese_posts_arrive_mapped_and_other_languages_are_dropped_and_counted()
    {
        await using var h = await ConnectedAsync(Source());
        var ja = LivePosts.Make();
        _fake.PublishPost(ja);
        _fake.PublishPost(LivePosts.Make("Flooding downtown", lang: "en"));
        _fake.PublishLike("did:plc:someone");
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.DroppedByReason.GetValueOrDefault("filtered_language") == 1));

        var post = Assert.Single(h.Posts);
        var did = FakeIds.Did(ja.Author.Id);
        var rkey = FakeIds.RecordKey(ja.SourcePostId);
        Assert.Equal("bluesky", post.Source);
        Assert.Equal($"{did}/{rkey}", post.SourcePostId);
        Assert.Equal(ja.Text, post.Text);
        Assert.Equal("ja", post.Lang);
        Assert.Equal(did, post.Author.Id);
        Assert.Equal($"https://bsky.app/profile/{did}/post/{rkey}", post.Url);
        Assert.Equal(["大雨"], post.Hashtags);
        Assert.Equal(SourceStates.Running, h.Health.State);
        // The like never reached us: the collection filter was sent to the server.
        Assert.Contains("wantedCollections=app.bsky.feed.post", _fake.ConnectRequests[0]);
    }

    [Fact]
    public async Task Posts_without_declared_language_are_kept_when_the_script_is_Japanese()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.PublishPost(LivePosts.Make("停電しています", lang: ""));
        _fake.PublishPost(LivePosts.Make("power is out", lang: ""));
        Assert.True(await h.WaitForPostsAsync(1));
        await Task.Delay(200);
        Assert.Equal("ja", Assert.Single(h.Posts).Lang);
    }

    [Fact]
    public async Task Split_frames_are_reassembled()
    {
        _fake.Behaviour.SplitMessages = true;
        await using var h = await ConnectedAsync(Source());
        for (var i = 0; i < 5; i++) _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(5));
        Assert.Equal(0, h.Health.Rejected);
    }

    [Fact]
    public async Task Garbage_is_counted_by_reason_and_the_stream_keeps_going()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{not json"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"did\":\"did:plc:x\",\"time_us\":1,\"kind\":\"sync\"}"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"did\":\"did:plc:x\",\"kind\":\"commit\",\"commit\":{\"collection\":\"app.bsky.feed.post\",\"operation\":\"create\",\"rkey\":\"k\",\"record\":{\"text\":\"" + new string('あ', 40_000) + "\"}}}"));
        _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.DroppedByReason.GetValueOrDefault("oversized") == 1));
        Assert.Equal(2, h.Health.DroppedByReason.GetValueOrDefault("malformed"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("unknown_event"));
        Assert.Equal(3, h.Health.Rejected); // malformed ×2 + oversized
        Assert.Equal(0, h.Health.Reconnects);
        Assert.Equal(1, _fake.ConnectionsAccepted);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_text_frame_ends_the_connection_and_the_resume_loses_nothing()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        // The WebSocket layer refuses a text frame that is not UTF-8 (a protocol violation): the
        // connector must count it, reconnect with its cursor, and get what followed.
        _fake.BroadcastRaw([.. Encoding.UTF8.GetBytes("{\"did\":\"did:plc:x\",\"text\":\""), 0xFF, 0xFE, (byte)'"', (byte)'}']);
        _fake.PublishPost(LivePosts.Make("後続の投稿"));
        Assert.True(await h.WaitForPostsAsync(2));
        Assert.Contains(h.Posts, p => p.Text == "後続の投稿");
        Assert.True(h.Health.Reconnects >= 1);
    }

    [Fact]
    public async Task Duplicate_deliveries_reach_the_pipeline_once()
    {
        _fake.Behaviour.DuplicateMessages = true;
        await using var h = await ConnectedAsync(Source());
        for (var i = 0; i < 3; i++) _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(3));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Metrics.Snapshot().Duplicates == 3));
        Assert.Equal(3, h.Posts.Count);
    }

    [Fact]
    public async Task After_a_cut_mid_message_it_reconnects_and_resumes_from_its_cursor_without_losing_posts()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        var cursor = ((JetstreamSource)h.Source).CursorUs;

        _fake.Behaviour.DisconnectMidNextMessage = true;
        var cut = LivePosts.Make("途中で切れる投稿 停電");
        _fake.PublishPost(cut);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ConnectionsAccepted == 2 && _fake.ActiveConnections == 1));
        _fake.PublishPost(LivePosts.Make("再接続後の投稿"));

        Assert.True(await h.WaitForPostsAsync(3));
        Assert.Contains(h.Posts, p => p.Text == cut.Text);
        Assert.Equal(3, h.Posts.Select(p => p.SourcePostId).Distinct().Count());
        var resume = _fake.ConnectRequests[1];
        Assert.Contains("cursor=" + (cursor - 5_000_000), resume);
        Assert.True(h.Health.Reconnects >= 1);
    }

    [Fact]
    public async Task A_silent_connection_is_torn_down_by_the_stall_watchdog()
    {
        await using var h = await ConnectedAsync(Source(o => o.StallTimeoutSeconds = 1));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ConnectionsAccepted >= 2, 8_000), "no reconnect after silence");
        Assert.Contains("stall", h.Health.LastError);
    }

    [Fact]
    public async Task Refused_with_429_it_backs_off_on_the_throttled_ladder_then_connects()
    {
        _fake.Behaviour.RefuseNext(2, 429);
        await using var h = new LiveSourceHarness(Source());
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.State == SourceStates.Throttled));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 1));
        _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.Equal(3, _fake.ConnectRequests.Count);
        Assert.Contains("429", h.Health.LastError);
    }

    [Fact]
    public async Task Deletions_are_retracted()
    {
        await using var h = await ConnectedAsync(Source());
        var post = LivePosts.Make();
        _fake.PublishPost(post);
        _fake.PublishDelete(post);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _retractor.Retracted.Count == 1));
        Assert.Equal($"{FakeIds.Did(post.Author.Id)}/{FakeIds.RecordKey(post.SourcePostId)}", _retractor.Retracted.Single().SourcePostId);
    }

    [Fact]
    public async Task Profiles_are_looked_up_and_later_posts_carry_the_handle()
    {
        await using var h = await ConnectedAsync(Source());
        var first = LivePosts.Make(author: "hanako");
        _fake.PublishPost(first);
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.Null(h.Posts.Single().Author.Handle); // never waits for the lookup
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => ((JetstreamSource)h.Source).Profiles.Cached == 1));
        _fake.PublishPost(LivePosts.Make(author: "hanako"));
        Assert.True(await h.WaitForPostsAsync(2));
        var second = h.Posts.Last();
        Assert.EndsWith(".example.jp", second.Author.Handle);
        Assert.Equal(120, second.Author.FollowersCount);
    }

    [Fact]
    public async Task When_profile_lookups_fail_posts_still_flow()
    {
        _fake.ProfilesFail = true;
        var source = Source();
        await using var h = await ConnectedAsync(source);
        for (var i = 0; i < 5; i++) _fake.PublishPost(LivePosts.Make(author: "a" + i));
        Assert.True(await h.WaitForPostsAsync(5));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => source.Profiles.Failures >= 1));
        Assert.All(h.Posts, p => Assert.Null(p.Author.Handle));
    }
}
