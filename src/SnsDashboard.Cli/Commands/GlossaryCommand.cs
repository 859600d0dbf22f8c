using System.Text;
using SnsDashboard.Core.Configuration;
using Microsoft.Extensions.Configuration;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Cli.Commands;

/// <summary>
/// <c>glossary validate &lt;dir&gt;</c> — every problem with file, line and term; exit 1 on errors.<br/>
/// <c>glossary export [--dir d] [--format json|csv|csv-sjis|tsv] [--out path]</c> — the glossary in an exchange format
/// (tsv writes a folder in the baseline format).<br/>
/// <c>glossary rules [--dir d] [--max-rules n] [--max-length n]</c> — X filtered-stream rules and what did not fit.
/// <c>glossary rebaseline [--dir d] [--author name] [--config file]</c> — validates the folder and stores it in the
/// dashboard's database (Storage:DataDir) as a staged, unpublished version with its diff against the published one;
/// an analyst publishes it on /glossary (History → Review) with a comment. Exit 1 when the folder is invalid.<br/>
/// <c>glossary publish &lt;version&gt; --comment "why" [--author name] [--config file]</c> — publishes a staged version
/// (validated again, stored as a new published version based on it). A running dashboard on the same data folder
/// swaps it live within Glossary:FollowStoreSeconds. Exit 1 when refused.<br/>
/// Without --dir the folder configured in appsettings.json (Pipeline:GlossaryDir) is used.
/// </summary>
public static class GlossaryCommand
{
    private const string Usage = """
        usage: sns glossary validate <dir>
               sns glossary export [--dir <dir>] [--format json|csv|csv-sjis|tsv] [--out <file or folder>]
               sns glossary rules [--dir <dir>] [--max-rules <n>] [--max-length <n>]
               sns glossary explain "<post text>" [--dir <dir>]
               sns glossary rebaseline [--dir <dir>] [--author <name>] [--config <file>]
               sns glossary publish <version> --comment "<why>" [--author <name>] [--config <file>]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliArgs.TryParse(args, ["--dir", "--format", "--out", "--max-rules", "--max-length", "--config", "--author", "--comment"], out var options, out var positional, out var error)
            || positional.Count == 0)
        {
            if (error.Length > 0) await stderr.WriteLineAsync($"glossary: {error}");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            return positional switch
            {
                ["validate", var dir] => await ValidateAsync(dir, stdout, stderr),
                ["export"] => await ExportAsync(Dir(options), options.GetValueOrDefault("--format") ?? "json", options.GetValueOrDefault("--out"), stdout, stderr),
                ["rules"] => await RulesAsync(Dir(options), options, stdout, stderr),
                ["explain", var text] => await ExplainAsync(Dir(options), text, stdout),
                ["rebaseline"] => await RebaselineAsync(Dir(options), options, stdout, stderr),
                ["publish", var version] => await PublishAsync(version, options, stdout, stderr),
                _ => await UsageAsync(stderr),
            };
        }
        catch (GlossaryValidationException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"glossary: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> UsageAsync(TextWriter stderr)
    {
        await stderr.WriteLineAsync(Usage);
        return 2;
    }

    private static string Dir(Dictionary<string, string> options)
    {
        if (options.GetValueOrDefault("--dir") is { } dir) return dir;
        string config = options.GetValueOrDefault("--config") ?? Path.Combine(ConfigPaths.Root, "appsettings.json");
        var pipeline = AnalyzeCommand.LoadPipelineOptions(config);
        return ConfigPaths.Resolve(pipeline.GlossaryDir, Path.GetDirectoryName(Path.GetFullPath(config)));
    }

    private static async Task<int> ValidateAsync(string dir, TextWriter stdout, TextWriter stderr)
    {
        var (snapshot, issues) = GlossaryLoader.ReadDirectory(dir);
        foreach (var issue in issues) await (issue.IsError ? stderr : stdout).WriteLineAsync(issue.ToString());
        int errors = issues.Count(i => i.IsError), warnings = issues.Count - errors;
        if (snapshot is null)
        {
            await stderr.WriteLineAsync($"{dir}: {errors} error(s), {warnings} warning(s); the glossary would be refused");
            return 1;
        }
        int spellings = snapshot.Terms.Sum(t => t.Spellings.Count());
        await stdout.WriteLineAsync(
            $"{dir}: OK — {snapshot.Terms.Count} terms ({spellings} spellings) in {snapshot.Terms.Select(t => t.Category).Distinct().Count()} categories, " +
            $"{snapshot.Exclusions.Count} exclusions, {snapshot.Hashtags.Count} hashtags; {warnings} warning(s)");
        return 0;
    }

    private static async Task<int> ExportAsync(string dir, string format, string? outPath, TextWriter stdout, TextWriter stderr)
    {
        var content = GlossaryContent.Of(GlossaryLoader.LoadDirectory(dir));
        switch (format)
        {
            case "json" or "csv":
                string text = format == "json" ? GlossaryFiles.ToJson(content) : GlossaryFiles.ToCsv(content);
                if (outPath is null) await stdout.WriteAsync(text);
                else if (format == "csv") await File.WriteAllBytesAsync(outPath, GlossaryFiles.ToCsvBytes(content, shiftJis: false));
                else await File.WriteAllTextAsync(outPath, text, new UTF8Encoding(false));
                return 0;
            case "csv-sjis":
                if (outPath is null) { await stderr.WriteLineAsync("glossary export: csv-sjis needs --out <file>"); return 2; }
                await File.WriteAllBytesAsync(outPath, GlossaryFiles.ToCsvBytes(content, shiftJis: true));
                return 0;
            case "tsv":
                if (outPath is null) { await stderr.WriteLineAsync("glossary export: tsv needs --out <folder>"); return 2; }
                Directory.CreateDirectory(outPath);
                foreach (var (file, body) in GlossaryFiles.ToFolder(content))
                    await File.WriteAllTextAsync(Path.Combine(outPath, file), body, new UTF8Encoding(false));
                return 0;
            default:
                await stderr.WriteLineAsync($"glossary export: unknown format '{format}' (json, csv, csv-sjis, tsv)");
                return 2;
        }
    }

    // The dashboard's glossary store (Storage:DataDir of the config file), created or migrated first.
    private static async Task<SqliteGlossaryStore> OpenStoreAsync(Dictionary<string, string> options)
    {
        string config = Path.GetFullPath(options.GetValueOrDefault("--config") ?? Path.Combine(ConfigPaths.Root, "appsettings.json"));
        var root = new ConfigurationBuilder().AddJsonFile(config).AddEnvironmentVariables().Build();
        var storeOptions = new SqliteStoreOptions { DataDir = ConfigPaths.Resolve(root["Storage:DataDir"] ?? "data", Path.GetDirectoryName(config)) };
        await using (var posts = new SqlitePostStore(storeOptions)) await posts.InitialiseAsync();
        return new SqliteGlossaryStore(storeOptions);
    }

    private static string Author(Dictionary<string, string> options) => options.GetValueOrDefault("--author") ?? $"{Environment.UserName} (cli)";

    private static async Task<int> PublishAsync(string versionText, Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (!int.TryParse(versionText.TrimStart('v'), out int version) || version < 1)
        {
            await stderr.WriteLineAsync($"glossary publish: '{versionText}' is not a version number");
            return 2;
        }
        var store = await OpenStoreAsync(options);
        var result = await new GlossaryPublisher(store, snapshots: null).PublishStagedAsync(version, Author(options), options.GetValueOrDefault("--comment") ?? "");
        foreach (var issue in result.Issues) await (issue.IsError ? stderr : stdout).WriteLineAsync(issue.ToString());
        if (result.Version is not { } published)
        {
            await stderr.WriteLineAsync($"glossary publish: version {version} refused, nothing published");
            return 1;
        }
        await stdout.WriteLineAsync($"published version {version} as v{published.Version} by {published.Author}: {published.Comment}");
        await stdout.WriteLineAsync("a running dashboard on this data folder swaps it live within a few seconds (Glossary:FollowStoreSeconds)");
        return 0;
    }

    private static async Task<int> RebaselineAsync(string dir, Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var result = await GlossaryRebaseline.StageAsync(await OpenStoreAsync(options), dir, Author(options));
        foreach (var issue in result.Issues) await (issue.IsError ? stderr : stdout).WriteLineAsync(issue.ToString());
        if (result.Staged is not { } staged)
        {
            await stderr.WriteLineAsync($"{dir}: refused, nothing staged ({result.Check.Summary})");
            return 1;
        }
        var d = result.Check.Diff!;
        await stdout.WriteLineAsync($"staged {dir} as version {staged.Version} (not published) — versus published " +
            $"{(result.Check.PublishedVersion is { } v ? $"v{v}" : "(none)")}: {result.Check.Summary}");
        foreach (var t in d.AddedTerms) await stdout.WriteLineAsync($"  + {t.Category}\t{t.Term}");
        foreach (var t in d.RemovedTerms) await stdout.WriteLineAsync($"  - {t.Category}\t{t.Term}");
        foreach (var (_, t) in d.ChangedTerms) await stdout.WriteLineAsync($"  ~ {t.Category}\t{t.Term}");
        foreach (var e in d.AddedExclusions) await stdout.WriteLineAsync($"  + exclusion\t{e.Term} ({e.Kind})");
        foreach (var e in d.RemovedExclusions) await stdout.WriteLineAsync($"  - exclusion\t{e.Term} ({e.Kind})");
        foreach (var h in d.AddedHashtags) await stdout.WriteLineAsync($"  + hashtag\t{h.Tag}");
        foreach (var h in d.RemovedHashtags) await stdout.WriteLineAsync($"  - hashtag\t{h.Tag}");
        await stdout.WriteLineAsync($"review and publish it with a comment on /glossary → History → v{staged.Version}");
        return 0;
    }

    private static async Task<int> ExplainAsync(string dir, string text, TextWriter stdout)
    {
        var glossary = GlossaryLoader.LoadDirectory(dir);
        var post = new SnsDashboard.Core.Posts.Post
        {
            Source = "cli", SourcePostId = "explain", Text = text, CreatedAt = DateTimeOffset.UtcNow,
            Author = new SnsDashboard.Core.Posts.PostAuthor { Id = "cli" },
        };
        var result = GlossaryMatcher.Match(post, SnsDashboard.Core.Text.TextNormaliser.Normalise(text), glossary);
        foreach (var note in result.Explanation)
            await stdout.WriteLineAsync(note.Start >= 0 ? $"{note} «{text.Substring(note.Start, note.Length)}»" : note.ToString());
        if (result.Explanation.Count == 0) await stdout.WriteLineAsync(result.ExcludedBy is null ? "decision: not relevant: no glossary phrase" : $"decision: not relevant: excluded by {result.ExcludedBy}");
        return 0;
    }

    private static async Task<int> RulesAsync(string dir, Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var limits = new XRuleLimits();
        if (options.GetValueOrDefault("--max-rules") is { } r)
        {
            if (!int.TryParse(r, out int n) || n < 1) { await stderr.WriteLineAsync("glossary rules: --max-rules must be a positive integer"); return 2; }
            limits = limits with { MaxRules = n };
        }
        if (options.GetValueOrDefault("--max-length") is { } l)
        {
            if (!int.TryParse(l, out int n) || n < 32) { await stderr.WriteLineAsync("glossary rules: --max-length must be an integer ≥ 32"); return 2; }
            limits = limits with { MaxRuleLength = n };
        }
        var set = XRuleCompiler.Compile(GlossaryContent.Of(GlossaryLoader.LoadDirectory(dir)), limits);
        foreach (var rule in set.Rules) await stdout.WriteLineAsync($"{rule.Tag}\t{rule.Value}");
        await stderr.WriteLineAsync($"{set.Rules.Count} rule(s) within {limits.MaxRules} rules × {limits.MaxRuleLength} chars; {set.Omitted.Count} spelling(s) left out:");
        foreach (var group in set.Omitted.GroupBy(o => o.Reason))
            await stderr.WriteLineAsync($"  {group.Key}: {group.Count()} ({string.Join(", ", group.Take(8).Select(o => o.Spelling))}{(group.Count() > 8 ? ", …" : "")})");
        return 0;
    }
}
