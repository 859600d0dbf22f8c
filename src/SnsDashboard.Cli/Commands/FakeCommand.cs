using System.Globalization;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Posts;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.Replay;

namespace SnsDashboard.Cli.Commands;

/// <summary>
/// <c>sns fake jetstream|mastodon|misskey|x --port N [--rate R] [--scenario file.jsonl]</c>: serves
/// scenario posts in the protocol's real framing on 127.0.0.1 until Ctrl+C, and prints the
/// environment variables that point the dashboard at it.
/// </summary>
public static class FakeCommand
{
    private const string Usage = "usage: sns fake jetstream|mastodon|misskey|x [--port <n>] [--rate <posts/s>] [--scenario <file.jsonl>]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        if (!CliArgs.TryParse(args, ["--port", "--rate", "--scenario"], out var options, out var positional, out var error) || positional.Count != 1)
        {
            await stderr.WriteLineAsync((error.Length > 0 ? "fake: " + error + "\n" : "") + Usage);
            return 2;
        }
        var protocol = positional[0];
        var port = options.TryGetValue("--port", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        var rate = options.TryGetValue("--rate", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : 5;
        var scenario = ConfigPaths.Resolve(options.GetValueOrDefault("--scenario", "scenarios/kumamoto-earthquake.jsonl"));
        if (!File.Exists(scenario)) { await stderr.WriteLineAsync($"fake: scenario not found: {scenario}"); return 1; }

        (FakeServer server, Action<Post> publish) fake;
        try { fake = ScenarioFeed.Create(protocol); }
        catch (ArgumentException e) { await stderr.WriteLineAsync("fake: " + e.Message + "\n" + Usage); return 2; }

        var posts = ScenarioReader.ReadFile(scenario).Where(l => l.Result.Success).Select(l => l.Result.Post!).ToList();
        await using var server = await fake.server.StartAsync(port, ct);
        var url = server.BaseUri.ToString().TrimEnd('/');
        await stdout.WriteLineAsync($"fake {protocol} listening on {url}, {posts.Count} scenario posts at {rate} posts/s. Start the dashboard with:");
        foreach (var (key, value) in ScenarioFeed.DashboardSettings(protocol, url))
            await stdout.WriteLineAsync($"  export {key.Replace(":", "__")}={value}");
        await stdout.WriteLineAsync("  dotnet run --project src/SnsDashboard.Web");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var sent = await ScenarioFeed.RunAsync(posts, fake.publish, rate, stop.Token);
        await stdout.WriteLineAsync($"fake {protocol}: sent {sent} posts, stopping");
        return 0;
    }
}
