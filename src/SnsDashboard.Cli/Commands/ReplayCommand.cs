using System.Globalization;
using System.Text;
using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Replay.Composing;

namespace SnsDashboard.Cli.Commands;

/// <summary>
/// <c>replay generate</c>: the deterministic synthetic generator for load tests (streams JSON lines;
/// millions of lines never sit in memory). <c>replay compose</c>: regenerates a committed demo
/// scenario byte for byte.
/// </summary>
public static class ReplayCommand
{
    private const string Usage = """
        usage:
          sns replay generate --rate <posts/s> --minutes <m> [--seed <n>] [--start <RFC3339>] [--out <file>]
          sns replay compose kumamoto|kyushu [--out <file>]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return args switch
            {
                ["generate", .. var rest] => await GenerateAsync(rest, stdout, stderr),
                ["compose", .. var rest] => await ComposeAsync(rest, stdout, stderr),
                _ => BadArguments(stderr, args.Length == 0 ? "missing subcommand" : $"unknown subcommand \"{args[0]}\""),
            };
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"replay: I/O error: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            await stderr.WriteLineAsync($"replay: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> GenerateAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliArgs.TryParse(args, ["--rate", "--minutes", "--seed", "--start", "--out"], out var options, out var positional, out var error))
            return BadArguments(stderr, error);
        if (positional.Count > 0) return BadArguments(stderr, $"unexpected argument \"{positional[0]}\"");
        if (!options.TryGetValue("--rate", out var rateText)) return BadArguments(stderr, "--rate is required");
        if (!options.TryGetValue("--minutes", out var minutesText)) return BadArguments(stderr, "--minutes is required");
        if (!int.TryParse(rateText, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            return BadArguments(stderr, $"--rate must be a positive integer (got \"{rateText}\")");
        if (!int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
            return BadArguments(stderr, $"--minutes must be a positive integer (got \"{minutesText}\")");
        var seed = 1;
        if (options.TryGetValue("--seed", out var seedText) && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
            return BadArguments(stderr, $"--seed must be an integer (got \"{seedText}\")");
        var start = new DateTimeOffset(2026, 7, 4, 12, 0, 0, TimeSpan.FromHours(9));
        if (options.TryGetValue("--start", out var startText) && !PostJson.TryParseTimestamp(startText, out start))
            return BadArguments(stderr, $"--start must be RFC 3339 with an offset, e.g. 2026-07-04T12:00:00+09:00 (got \"{startText}\")");

        options.TryGetValue("--out", out var outPath);
        var posts = SyntheticPostGenerator.Generate(rate, minutes, start, seed);
        var count = await WriteLinesAsync(posts, outPath, stdout);
        await stderr.WriteLineAsync($"replay generate: {count:N0} posts ({rate}/s for {minutes} min, seed {seed}){(outPath is null ? "" : " → " + outPath)}");
        return 0;
    }

    private static async Task<int> ComposeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliArgs.TryParse(args, ["--out"], out var options, out var positional, out var error))
            return BadArguments(stderr, error);
        if (positional.Count != 1) return BadArguments(stderr, $"compose needs exactly one scenario name ({string.Join(" or ", ScenarioComposer.Names)})");
        var name = positional[0];
        if (!ScenarioComposer.Names.Contains(name))
            return BadArguments(stderr, $"unknown scenario \"{name}\" (expected {string.Join(" or ", ScenarioComposer.Names)})");

        options.TryGetValue("--out", out var outPath);
        var count = await WriteLinesAsync(ScenarioComposer.Compose(name), outPath, stdout);
        await stderr.WriteLineAsync($"replay compose: {name}: {count:N0} posts{(outPath is null ? "" : " → " + outPath)}");
        return 0;
    }

    /// <summary>Writes one JSON line per post ("\n", UTF-8 without BOM), in 64 KB chunks.</summary>
    private static async Task<long> WriteLinesAsync(IEnumerable<Post> posts, string? outPath, TextWriter stdout)
    {
        await using var file = outPath is null ? null
            : new StreamWriter(outPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        var writer = (TextWriter?)file ?? stdout;
        var chunk = new StringBuilder(1 << 17);
        long count = 0;
        foreach (var post in posts)
        {
            chunk.Append(PostJson.Serialize(post)).Append('\n');
            count++;
            if (chunk.Length >= 1 << 16)
            {
                await writer.WriteAsync(chunk);
                chunk.Clear();
            }
        }
        if (chunk.Length > 0) await writer.WriteAsync(chunk);
        await writer.FlushAsync();
        return count;
    }

    private static int BadArguments(TextWriter stderr, string message)
    {
        stderr.WriteLine($"replay: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
