using SnsDashboard.Cli.Commands;
using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Replay.Composing;

namespace SnsDashboard.Tests.Replay;

public class ReplayCommandTests
{
    [Theory]
    [InlineData("kumamoto", "kumamoto-earthquake.jsonl")]
    [InlineData("kyushu", "kyushu-heavy-rain.jsonl")]
    public async Task Compose_regenerates_the_committed_scenario_byte_for_byte(string name, string file)
    {
        var output = Path.Combine(Path.GetTempPath(), $"compose-{Guid.NewGuid():N}.jsonl");
        var stderr = new StringWriter();

        var code = await ReplayCommand.RunAsync(["compose", name, "--out", output], new StringWriter(), stderr);

        Assert.Equal(0, code);
        Assert.Equal(file, ScenarioComposer.DefaultFileName(name));
        Assert.True(File.ReadAllBytes(ScenarioPaths.Scenario(file)).AsSpan().SequenceEqual(File.ReadAllBytes(output)),
            $"{file} differs from a fresh compose: regenerate it with `sns replay compose {name} --out scenarios/{file}`");
        File.Delete(output);
    }

    [Fact]
    public void Generator_is_deterministic_spaces_posts_evenly_and_every_line_parses()
    {
        var start = new DateTimeOffset(2026, 7, 4, 12, 0, 0, TimeSpan.FromHours(9));
        var first = SyntheticPostGenerator.Generate(20, 1, start, seed: 7).Select(PostJson.Serialize).ToList();
        var second = SyntheticPostGenerator.Generate(20, 1, start, seed: 7).Select(PostJson.Serialize).ToList();
        var other = SyntheticPostGenerator.Generate(20, 1, start, seed: 8).Select(PostJson.Serialize).ToList();

        Assert.Equal(1200, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        var posts = first.Select(line => PostJson.Parse(line)).ToList();
        Assert.All(posts, r => Assert.True(r.Success, r.Error));
        Assert.Equal(posts.Count, posts.Select(r => r.Post!.Key).Distinct().Count());
        Assert.Equal(start.AddMilliseconds(50 * 999), posts[999].Post!.CreatedAt);
        Assert.Contains(posts, r => r.Post!.IsRepost);
        Assert.Contains(posts, r => r.Post!.Text.Contains("#救助"));
    }

    [Fact]
    public async Task Generate_streams_json_lines_to_stdout()
    {
        var stdout = new StringWriter();
        var code = await ReplayCommand.RunAsync(["generate", "--rate", "5", "--minutes", "2", "--seed", "3", "--start", "2026-04-14T21:26:00+09:00"], stdout, new StringWriter());

        Assert.Equal(0, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(600, lines.Length);
        Assert.All(lines, l => Assert.True(PostJson.Parse(l).Success));
        Assert.Equal(new DateTimeOffset(2026, 4, 14, 21, 26, 0, TimeSpan.FromHours(9)), PostJson.Parse(lines[0]).Post!.CreatedAt);
    }

    [Theory]
    [InlineData()]
    [InlineData("generate")]
    [InlineData("generate", "--rate", "10")]
    [InlineData("generate", "--rate", "-1", "--minutes", "1")]
    [InlineData("generate", "--rate", "ten", "--minutes", "1")]
    [InlineData("generate", "--rate", "10", "--minutes", "1", "--start", "2026-04-14T21:26:00")]
    [InlineData("generate", "--rate", "10", "--minutes", "1", "--bogus", "1")]
    [InlineData("generate", "--rate", "10", "--minutes")]
    [InlineData("compose")]
    [InlineData("compose", "tokyo")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_exit_with_code_2_and_a_message(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await ReplayCommand.RunAsync(args, stdout, stderr);

        Assert.Equal(2, code);
        Assert.StartsWith("replay: ", stderr.ToString());
        Assert.Contains("usage:", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }
}
