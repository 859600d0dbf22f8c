using Microsoft.Extensions.Configuration;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;

namespace SnsDashboard.Cli.Commands;

/// <summary>
/// <c>gazetteer import</c>: builds the gazetteer from the official files (configuration section
/// <c>Gazetteer</c>, or the options), prints what was loaded and every problem with its file and
/// line, and writes the on-disk cache that the host and <c>analyze</c> load at start-up — only when
/// the build is complete and valid. Exit code 0 = accepted, 1 = rejected, 2 = bad arguments.
/// </summary>
public static class GazetteerCommand
{
    public static async Task<int> ImportAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string[] known = ["--config", "--abr", "--towns", "--boundaries", "--stations", "--shelters", "--cache"];
        if (!CliArgs.TryParse(args, known, out var o, out var positional, out var error) || positional.Count != 0)
        {
            if (error.Length > 0) await stderr.WriteLineAsync($"gazetteer import: {error}");
            await stderr.WriteLineAsync("usage: sns gazetteer import [--config <appsettings.json>] [--abr <dir>] [--towns <dir>] [--boundaries <file>] [--stations <file>] [--shelters <dir>] [--cache <file>]");
            return 2;
        }
        GazetteerSources sources;
        string cache;
        try
        {
            var configFile = o.GetValueOrDefault("--config") ?? Path.Combine(ConfigPaths.Root, "appsettings.json");
            (sources, cache) = Configured(configFile);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"unusable configuration: {e.Message}");
            return 2;
        }
        string cwd = Directory.GetCurrentDirectory();
        sources = sources with
        {
            AbrDir = Arg(o, "--abr", cwd) ?? sources.AbrDir, TownsDir = Arg(o, "--towns", cwd) ?? sources.TownsDir,
            BoundariesFile = Arg(o, "--boundaries", cwd) ?? sources.BoundariesFile, StationsFile = Arg(o, "--stations", cwd) ?? sources.StationsFile,
            SheltersDir = Arg(o, "--shelters", cwd) ?? sources.SheltersDir,
        };
        cache = Arg(o, "--cache", cwd) ?? cache;
        if (!sources.IsConfigured)
        {
            await stderr.WriteLineAsync("gazetteer import: no ABR folder (Gazetteer:AbrDir or --abr)");
            return 2;
        }
        var result = GazetteerBuilder.Build(sources);
        foreach (var issue in result.Issues) await stderr.WriteLineAsync(issue.ToString());
        if (result.IssueCount > result.Issues.Count) await stderr.WriteLineAsync($"({result.IssueCount - result.Issues.Count} more issues counted)");
        await stdout.WriteLineAsync(result.Summary);
        if (result.Gazetteer is null)
        {
            await stderr.WriteLineAsync("gazetteer import: build rejected; the running gazetteer and the cache are unchanged");
            return 1;
        }
        GazetteerCache.Write(cache, result.Gazetteer, sources.Fingerprint());
        await stdout.WriteLineAsync($"cache written: {cache}");
        return 0;
    }

    private static string? Arg(Dictionary<string, string> o, string name, string cwd) =>
        o.TryGetValue(name, out var v) ? Path.GetFullPath(Path.Combine(cwd, v)) : null;

    /// <summary>The sources and cache path named by a configuration file (relative paths against its folder).</summary>
    internal static (GazetteerSources Sources, string Cache) Configured(string configFile)
    {
        var config = AnalyzeCommand.LoadConfiguration(configFile);
        string root = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        var sources = (config.GetSection(GazetteerSources.Section).Get<GazetteerSources>() ?? new()).ResolvedAgainst(root);
        string dataDir = ConfigPaths.Resolve(config["Storage:DataDir"] ?? "data", root);
        return (sources, Path.Combine(dataDir, GazetteerLoader.CacheFileName));
    }

    /// <summary>The gazetteer <c>analyze</c> runs with (focus = the map's initial centre), or null
    /// after printing why when the configured files give no valid build.</summary>
    internal static Gazetteer? LoadConfigured(string configFile, TextWriter stderr)
    {
        var (sources, cache) = Configured(configFile);
        var result = GazetteerLoader.Load(sources, cache);
        foreach (var issue in result.Issues.Take(20)) stderr.WriteLine(issue.ToString());
        if (result.IssueCount > 20) stderr.WriteLine($"({result.IssueCount - 20} more gazetteer issues; run `sns gazetteer import` to list them)");
        stderr.WriteLine($"gazetteer: {result.Summary}");
        if (result.Gazetteer is null) return null;
        var config = AnalyzeCommand.LoadConfiguration(configFile);
        return GazetteerLoader.WithFocusAt(result.Gazetteer, config.GetValue<double?>("Map:CenterLat"), config.GetValue<double?>("Map:CenterLon"));
    }
}
