using System.Text;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.X;

namespace SnsDashboard.Tests.Sources;

public class XRuleDiffTests
{
    [Fact]
    public void Unwanted_rules_are_deleted_missing_ones_added_and_matching_ones_kept()
    {
        var active = new List<XActiveRule> { new("1", "#救助 lang:ja", "ja-rescue"), new("2", "old rule", "old"), new("3", "停電 lang:ja", "lifeline") };
        var wanted = new List<XStreamRule> { new("#救助 lang:ja", "ja-rescue"), new("停電 lang:ja", "ja-lifeline"), new("冠水 lang:ja", "ja-flood") };
        var (delete, add) = XRuleDiff.Compute(active, wanted);
        Assert.Equal(["2", "3"], delete); // "3" has a changed tag: tags cannot be edited
        Assert.Equal([new XStreamRule("停電 lang:ja", "ja-lifeline"), new XStreamRule("冠水 lang:ja", "ja-flood")], add);
    }

    [Fact]
    public void Duplicate_active_rules_are_cleaned_and_duplicate_wanted_rules_added_once()
    {
        var active = new List<XActiveRule> { new("1", "a", "t"), new("2", "a", "t") };
        var (delete, add) = XRuleDiff.Compute(active, [new("a", "t"), new("b", "u"), new("b", "u")]);
        Assert.Equal(["2"], delete);
        Assert.Single(add);
    }

    [Fact]
    public void No_wanted_rules_deletes_everything()
    {
        var (delete, add) = XRuleDiff.Compute([new("1", "a", "t")], []);
        Assert.Equal(["1"], delete);
        Assert.Empty(add);
    }
}

public class XFilteredStreamSourceTests : IAsyncLifetime
{
    private readonly XFake _fake = new();
    private readonly HttpClient _http = new();
    private static readonly XStreamRule[] Wanted = [new("(#救助 OR 救助要請) lang:ja -is:retweet", "ja-rescue"), new("(停電 OR 断水) lang:ja -is:retweet", "ja-lifeline")];

    public async Task InitializeAsync() => await _fake.StartAsync();

    [Fact]
    public async Task The_fake_answers_rule_changes_like_X_with_a_summary_or_a_problem()
    {
        var url = new Uri(_fake.BaseUri, "2/tweets/search/stream/rules");
        var add = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"add":[{"value":"停電 lang:ja","tag":"t"}]}""", Encoding.UTF8, "application/json") };
        add.Headers.Authorization = new("Bearer", _fake.BearerToken);
        var ok = await _http.SendAsync(add);
        Assert.Contains("\"meta\"", await ok.Content.ReadAsStringAsync());

        var bad = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        bad.Headers.Authorization = new("Bearer", _fake.BearerToken);
        var refused = await _http.SendAsync(bad);
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Contains("exactly one of add or delete", await refused.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _http.Dispose();
    }

    private XFilteredStreamSource Source(Action<XOptions>? configure = null, IReadOnlyList<XStreamRule>? rules = null)
    {
        var o = new XOptions { Enabled = true, BaseUrl = _fake.BaseUri.ToString(), BearerToken = _fake.BearerToken, Backoff = LiveSourceHarness.FastBackoff };
        configure?.Invoke(o);
        return new XFilteredStreamSource(o, _http, new FixedXRules(rules ?? Wanted));
    }

    private async Task<LiveSourceHarness> ConnectedAsync(XFilteredStreamSource source)
    {
        var h = new LiveSourceHarness(source);
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 1 && h.Health.State == SourceStates.Running), $"not connected: {h.Health.LastError}");
        return h;
    }

    [Fact]
    public async Task Rules_are_synchronised_by_diff_before_connecting()
    {
        _fake.SeedRule("stale rule", "stale");
        _fake.SeedRule(Wanted[0].Value, Wanted[0].Tag);
        var keptId = _fake.Rules[1].Id;
        var source = Source();
        await using var h = await ConnectedAsync(source);
        var rules = _fake.Rules;
        Assert.Equal(2, rules.Count);
        Assert.Contains(rules, r => r.Id == keptId);
        Assert.Contains(rules, r => r.Tag == "ja-lifeline");
        Assert.DoesNotContain(rules, r => r.Tag == "stale");
        Assert.True(h.Health.Reconnects == 0, h.Health.LastError);
        Assert.Contains("1 deleted, 1 added", source.LastRuleSync);
    }

    [Fact]
    public async Task Posts_arrive_with_author_place_geo_and_matching_rule_expansions()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.Behaviour.SplitMessages = true;
        var post = LivePosts.Make("#救助 △△市□□町2丁目 1階が浸水", hashtags: ["救助"]) with { Geo = new PostGeo { Lat = 32.8, Lon = 130.7 } };
        var id = _fake.PublishPost(post);
        Assert.True(await h.WaitForPostsAsync(1));
        var p = h.Posts.Single();
        Assert.Equal("x", p.Source);
        Assert.Equal(id, p.SourcePostId);
        Assert.Equal(32.8, p.Geo!.Lat, 6);
        Assert.Equal("exact", p.Geo.Kind);
        Assert.Equal("JP", p.Place!.CountryCode);
        Assert.Equal(["ja-rescue"], p.Matched);
        Assert.Equal(152, p.Author.FollowersCount);
        Assert.StartsWith("resident_", p.Author.Handle);
        Assert.Equal(["救助"], p.Hashtags);
    }

    [Fact]
    public async Task Keep_alives_keep_the_connection_and_their_absence_trips_the_20_second_style_timeout()
    {
        _fake.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
        await using var h = await ConnectedAsync(Source(o => o.StallTimeoutSeconds = 1));
        await Task.Delay(2000);
        Assert.Equal(1, _fake.ConnectionsAccepted);
        _fake.Behaviour.Silent = true;
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.Reconnects >= 1, 8000));
        _fake.Behaviour.Silent = false;
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ActiveConnections == 1 && h.Health.State == SourceStates.Running));
        // No backfill on X: the disconnected period is reported as a gap.
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.Gaps >= 1));
        Assert.Contains("no backfill", h.Health.LastGap);
    }

    [Fact]
    public async Task Operational_disconnect_and_garbage_lines_are_counted_and_it_reconnects()
    {
        await using var h = await ConnectedAsync(Source());
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"data\":\r\n"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes("{\"data\":{\"text\":\"no id\"}}\r\n"));
        _fake.BroadcastRaw(Encoding.UTF8.GetBytes(new string('x', 2_000_000) + "\r\n"));
        _fake.PublishOperationalDisconnect();
        _fake.PublishPost(LivePosts.Make());
        Assert.True(await h.WaitForPostsAsync(1));
        _fake.DropConnections();
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => _fake.ConnectionsAccepted == 2));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("malformed"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("invalid_post"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("oversized"));
        Assert.Equal(1, h.Health.DroppedByReason.GetValueOrDefault("stream_error"));
    }

    [Fact]
    public async Task A_second_connection_gets_429_and_waits_on_the_throttled_ladder()
    {
        await using var first = await ConnectedAsync(Source());
        await using var second = new LiveSourceHarness(Source());
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => second.Health.State == SourceStates.Throttled));
        Assert.Contains("maximum allowed connection limit", second.Health.LastError);
    }

    [Fact]
    public async Task A_bad_token_is_unauthorized_and_never_shown()
    {
        await using var h = new LiveSourceHarness(Source(o => o.BearerToken = "leaked-secret-value"));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.State == SourceStates.Unauthorized));
        Assert.DoesNotContain("leaked-secret-value", h.Health.LastError);
    }

    [Fact]
    public async Task Without_rules_the_stream_answers_409_and_the_source_keeps_retrying()
    {
        await using var h = new LiveSourceHarness(Source(rules: []));
        Assert.True(await LiveSourceHarness.WaitUntilAsync(() => h.Health.LastError?.Contains("409") == true));
        Assert.Equal(SourceStates.Reconnecting, h.Health.State);
    }
}
