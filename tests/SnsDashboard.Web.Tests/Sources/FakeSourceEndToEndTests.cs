using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Storage;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.Replay;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Sources;

/// <summary>The dashboard configured only through the documented keys, pointed at a local fake:
/// the fake's posts go through the whole pipeline into the store the map reads.</summary>
public class FakeSourceEndToEndTests
{
    private sealed class LiveFactory(IDictionary<string, string?> settings) : DashboardFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => settings;
    }

    [Theory]
    [InlineData("jetstream", "bluesky")]
    [InlineData("mastodon", "mastodon")]
    [InlineData("misskey", "misskey")]
    [InlineData("x", "x")]
    public async Task Scenario_posts_served_by_a_fake_reach_the_store_and_the_map(string protocol, string source)
    {
        var (server, publish) = ScenarioFeed.Create(protocol);
        await using var fake = await server.StartAsync();
        var url = fake.BaseUri.ToString().TrimEnd('/');
        var settings = ScenarioFeed.DashboardSettings(protocol, url).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        using var factory = new LiveFactory(settings);
        var store = factory.Services.GetRequiredService<IPostStore>();
        _ = factory.Server; // start the host and its sources

        var posts = ScenarioReader.ReadFile(ConfigPaths.Resolve("scenarios/kumamoto-earthquake.jsonl"))
            .Where(l => l.Result.Success).Select(l => l.Result.Post!).Where(p => !p.IsRepost && p.Text.Contains("益城町")).Take(30).ToList();
        Assert.NotEmpty(posts);
        var status = await (await factory.SignedInClientAsync("operator")).GetStringAsync("/status");
        Assert.Contains(source, status);

        // Connected when the fake has a client (Misskey/Mastodon subscribe right after).
        for (var i = 0; i < 200 && fake.ActiveConnections == 0; i++) await Task.Delay(50);
        Assert.Equal(1, fake.ActiveConnections);
        await Task.Delay(300);
        await ScenarioFeed.RunAsync(posts, publish, 500, CancellationToken.None, limit: posts.Count);

        long stored = 0, located = 0;
        for (var i = 0; i < 150 && (stored < posts.Count || located == 0); i++)
        {
            await Task.Delay(100);
            stored = await store.CountAsync(new PostQuery { Sources = [source] });
            located = (await store.QueryAsync(new PostQuery { Sources = [source], LocatedOnly = true, Limit = 1000 })).Count;
        }
        Assert.Equal(posts.Count, stored);
        Assert.True(located > 0, "no post was located: the map would stay empty");
    }

    [Fact]
    public async Task The_X_stream_gets_the_rules_compiled_from_the_live_glossary()
    {
        var (server, _) = ScenarioFeed.Create("x");
        var x = (XFake)server;
        x.SeedRule("stale rule from yesterday", "old");
        await using var fake = await server.StartAsync();
        var settings = ScenarioFeed.DashboardSettings("x", fake.BaseUri.ToString().TrimEnd('/')).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        using var factory = new LiveFactory(settings);
        _ = factory.Server;
        for (var i = 0; i < 200 && fake.ActiveConnections == 0; i++) await Task.Delay(50);

        var wanted = factory.Services.GetRequiredService<SnsDashboard.Sources.X.IXRuleProvider>().GetRules()!;
        Assert.NotEmpty(wanted);
        Assert.Equal(wanted.Select(r => (r.Value, r.Tag)).OrderBy(r => r.Tag), x.Rules.Select(r => (r.Value, r.Tag)).OrderBy(r => r.Tag));
        Assert.DoesNotContain(x.Rules, r => r.Tag == "old");
    }
}
