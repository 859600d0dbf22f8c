using System.Text;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.Misskey;

namespace SnsDashboard.Tests.Sources;

public class MisskeySourceTests : IAsyncLifetime
{
    private readonly MisskeyFake _fake = new();

    public async Task InitializeAsync() => await _fake.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private MisskeySource Source(Action<MisskeyServerOptions>? configure = null)
    {
        var o = new MisskeyServerOptions
        {
            Enabled = true, BaseUrl = _fake.BaseUri.ToString(), Token = _fake.Token,
            Channels = ["localTimeline"], Backoff = LiveSourceHarness.FastBackoff, ConfirmSeconds = 0,
        };
        configure?.Invoke(o);
        return new MisskeySource(o);
    }

    private async Task<LiveSourceHarness> ConnectedAsync(MisskeySource source, int channels = 1)
    {
        var h = new LiveSourceHarness(source);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => source.ConfirmedChannels.Count == channels), "channels not confirmed");
        return h;
    }

    [Fact]
    public async Task Local_timeline_notes_arrive_with_handle_and_guessed_language()
    {
        await using var h = await ConnectedAsync(Source());
        var id = _fake.PublishNote(LivePosts.Make("○○駅の東口、停電で信号が消えてます #停電", hashtags: ["停電"]));
        _fake.PublishNote(LivePosts.Make("remote note"), local: false);
        Assert.True(await h.WaitForPostsAsync(1));
        await Task.Delay(200);
        var p = Assert.Single(h.Posts);
        Assert.Equal("misskey", p.Source);
        Assert.Equal($"https://{_fake.Host}/notes/{id}", p.SourcePostId);
        Assert.StartsWith("@resident_", p.Author.Handle);
        Assert.EndsWith("@" + _fake.Host, p.Author.Handle);
        Assert.Equal("ja", p.Lang);
        Assert.Equal(["停電"], p.Hashtags);
    }

    [Fact]
    public async Task Global_hybrid_and_antenna_channels_are_confirmed_and_deliver()
    {
        await using var h = await ConnectedAsync(Source(o => o.Channels = ["globalTimeline", "hybridTimeline", "antenna:antenna-rescue"]), channels: 3);
        _fake.PublishNote(LivePosts.Make("助けてください 2階にいます"), local: false);
        Assert.True(await h.WaitForPostsAsync(1));
        await Task.Delay(300);
        Assert.Single(h.Posts); // delivered on three channels, de-duplicated to one post
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Metrics.Snapshot().Duplicates == 2));
        Assert.Equal("https://remote.example.jp/notes/" + h.Posts.Single().SourcePostId.Split('/').Last(), h.Posts.Single().SourcePostId);
    }

    [Fact]
    public async Task A_channel_the_server_ignores_is_reported()
    {
        var source = Source(o => { o.Token = null; o.Channels = ["localTimeline", "hybridTimeline"]; });
        await using var h = await ConnectedAsync(source, channels: 1);
        _fake.PublishNote(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.Contains("hybridTimeline", h.Health.LastError);
    }

    [Fact]
    public async Task A_plain_renote_without_its_original_is_dropped_with_a_reason()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.PublishNote(LivePosts.Make(), renoteId: "9000000001");
        _fake.PublishNote(LivePosts.Make("後続"));
        Assert.True(await h.WaitForPostsAsync(1));
        await Task.Delay(200);
        // A renote without its embedded original has no text: dropped with a reason, not a crash.
        Assert.Equal("後続", Assert.Single(h.Posts).Text);
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("invalid_note"));
    }

    [Fact]
    public async Task Reconnects_are_reported_as_gaps_and_channels_reconnected()
    {
        var source = Source();
        await using var h = await ConnectedAsync(source);
        _fake.DropConnections();
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ConnectionsAccepted == 2 && source.ConfirmedChannels.Count == 1));
        _fake.PublishNote(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.Equal(1, h.Health.Gaps);
        Assert.Contains("no stream cursor", h.Health.LastGap);
    }

    [Fact]
    public async Task A_bad_token_is_unauthorized_and_garbage_is_counted()
    {
        await using (var bad = new LiveSourceHarness(Source(o => o.Token = "nope")))
            Assert.True(await LiveSourceHarness.WaitUntilAsync(() => bad.Health.State == SourceStates.Unauthorized));

        await using var h = await ConnectedAsync(Source());
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"type\":\"channel\",\"body\":{\"id\":\"ch-0\",\"type\":\"note\",\"body\":{\"id\":\"x\"}}}"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"type\":\"emojiAdded\",\"body\":{}}"));
        _fake.PublishNote(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("invalid_note"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("malformed"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("unknown_event"));
    }
}
