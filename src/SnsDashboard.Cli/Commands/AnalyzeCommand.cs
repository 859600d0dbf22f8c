using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using System.ComponentModel.DataAnnotations;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Cli.Commands;

/// <summary>
/// <c>analyze &lt;in.jsonl&gt; [--out &lt;out.jsonl&gt;] [--config &lt;appsettings.json&gt;]</c> (design.md §4.2):
/// runs the live pipeline's stages over a file, in created_at order as one stream (so copies
/// link up as they would live), and writes one line per input line, in input order: the input
/// object plus an "analysis" object, or {"line": n, "error": "..."} for a bad line. The exit
/// code is non-zero only for unusable arguments or configuration.
/// </summary>
public static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions OutputJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliArgs.TryParse(args, ["--out", "--config"], out var options, out var positional, out var argError) || positional.Count != 1)
        {
            if (argError.Length > 0) await stderr.WriteLineAsync($"analyze: {argError}");
            await stderr.WriteLineAsync("usage: sns analyze <in.jsonl> [--out <out.jsonl>] [--config <appsettings.json>]");
            return 2;
        }
        var input = positional[0];
        if (!File.Exists(input))
        {
            await stderr.WriteLineAsync($"input file not found: {input}");
            return 2;
        }

        PipelineSnapshot snapshot;
        AuthorContextOptions authorContext;
        try
        {
            var configFile = options.GetValueOrDefault("--config") ?? Path.Combine(ConfigPaths.Root, "appsettings.json");
            var pipeline = LoadPipelineOptions(configFile);
            authorContext = LoadAuthorContextOptions(configFile);
            var gazetteer = GazetteerCommand.LoadConfigured(configFile, stderr);
            if (gazetteer is null) return 2;
            snapshot = PipelineSnapshots.Load(ConfigPaths.Resolve(pipeline.GlossaryDir, Path.GetDirectoryName(Path.GetFullPath(configFile))), gazetteer);
            // Spatial joins against the dashboard's layer catalogue, as the live host does.
            snapshot = snapshot with { Spatial = await LayersCommand.LoadSpatialContextAsync(configFile) };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or JsonException or InvalidOperationException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await stderr.WriteLineAsync($"unusable configuration: {e.Message}");
            return 2;
        }

        var lines = await ReadAndAnalyseAsync(input, snapshot, authorContext);

        TextWriter output = stdout;
        StreamWriter? file = null;
        if (options.GetValueOrDefault("--out") is { } outPath)
        {
            try { file = new StreamWriter(outPath, false, new UTF8Encoding(false)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"cannot write {outPath}: {e.Message}");
                return 2;
            }
            output = file;
        }
        int errors = 0;
        foreach (var line in lines)
        {
            if (line.ContainsKey("error")) errors++;
            await output.WriteLineAsync(line.ToJsonString(OutputJson));
        }
        if (file is not null) await file.DisposeAsync();
        await stderr.WriteLineAsync($"analyzed {lines.Count - errors} posts, {errors} bad lines");
        return 0;
    }

    internal static PipelineOptions LoadPipelineOptions(string configFile) =>
        LoadConfiguration(configFile).GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();

    /// <summary>Section <c>Geolocation:AuthorContext</c>, checked as the host checks it at start-up.</summary>
    internal static AuthorContextOptions LoadAuthorContextOptions(string configFile)
    {
        var o = LoadConfiguration(configFile).GetSection(AuthorContextOptions.Section).Get<AuthorContextOptions>() ?? new AuthorContextOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(o, new ValidationContext(o), errors, validateAllProperties: true))
            throw new InvalidDataException(string.Join(" ", errors.Select(e => e.ErrorMessage)));
        return o;
    }

    internal static IConfigurationRoot LoadConfiguration(string configFile)
    {
        if (!File.Exists(configFile)) throw new IOException($"configuration file not found: {configFile}");
        return new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(configFile), optional: false)
            .AddEnvironmentVariables()
            .Build();
    }

    private static async Task<List<JsonObject>> ReadAndAnalyseAsync(string path, PipelineSnapshot snapshot, AuthorContextOptions authorContext)
    {
        var results = new List<JsonObject>();
        var posts = new List<(int Index, Post Post)>();
        int lineNo = 0;
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parsed = PostJson.Parse(line);
            if (parsed.Success)
            {
                posts.Add((results.Count, parsed.Post!));
                results.Add(parsed.Json!);
            }
            else
            {
                results.Add(new JsonObject { ["line"] = lineNo, ["error"] = parsed.Error });
            }
        }

        // One stream in created_at order (stable for equal times), exactly as live.
        var analyser = new PostAnalyser(new SnapshotHolder(snapshot), new SnsDashboard.Core.Claims.ClaimStatusBoard(), authors: authorContext.CreateContext());
        foreach (var (index, post) in posts.OrderBy(p => p.Post.CreatedAt))
        {
            var analysis = analyser.Analyse(post, post.CreatedAt);
            var node = PostJson.ToNode(analysis);
            // Reasons stay stable codes; the API also says them in English sentences.
            if (node["reliability"] is JsonObject reliability)
                reliability["explanations"] = new JsonArray(analysis.Reliability.Reasons.Select(r => (JsonNode?)ReasonCatalog.ToEnglish(r)).ToArray());
            results[index]["analysis"] = node;
        }
        return results;
    }
}
