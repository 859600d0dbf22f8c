using System.Net;
using System.Text.Json;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>The host replays a file with malformed JSON, an unknown schema version, a timestamp
/// without offset, a missing author and a 300 KB line between two good posts.</summary>
public sealed class BadReplayInputFactory : DashboardFactory
{
    protected override bool ReplayEnabled => true;
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Sources:Replay:Scenarios:0"] = Path.Combine(ConfigPaths.Root, "scenarios", "bad-lines-sample.jsonl"),
        ["Sources:Replay:Scenarios:1"] = Path.Combine(ConfigPaths.Root, "scenarios", "bad-lines-sample.jsonl"),
        ["Sources:Replay:Loop"] = "false",
    };
}

public class BadReplayInputTests(BadReplayInputFactory factory) : IClassFixture<BadReplayInputFactory>
{
    [Fact]
    public async Task Bad_lines_are_counted_with_line_numbers_and_good_posts_still_arrive()
    {
        var client = factory.CreateClient();
        JsonElement root = default;
        for (int i = 0; i < 100; i++)
        {
            var response = await client.GetAsync("/health");
            root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (root.GetProperty("store").GetProperty("post_count").GetInt64() >= 2 &&
                root.GetProperty("pipeline").GetProperty("rejected").GetInt64() >= 10) break;
            await Task.Delay(100);
        }
        // The same file twice: 5 bad lines each; its 2 good posts once (the second copy is a duplicate).
        var pipeline = root.GetProperty("pipeline");
        Assert.Equal(10, pipeline.GetProperty("rejected").GetInt64());
        Assert.Equal(2, pipeline.GetProperty("accepted").GetInt64());
        Assert.Equal(2, pipeline.GetProperty("duplicates").GetInt64());
        Assert.Equal(2, root.GetProperty("store").GetProperty("post_count").GetInt64());

        var replay = root.GetProperty("sources")[0];
        Assert.Equal(10, replay.GetProperty("rejected").GetInt64());
        Assert.Matches(@"bad-lines-sample\.jsonl:\d+", replay.GetProperty("last_error").GetString());
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInClientAsync()).GetAsync("/map")).StatusCode);
    }
}
