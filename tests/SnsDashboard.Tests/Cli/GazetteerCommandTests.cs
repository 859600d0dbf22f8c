using System.Text.Json.Nodes;
using SnsDashboard.Cli.Commands;
using SnsDashboard.Tests.TestSupport;

namespace SnsDashboard.Tests.Cli;

public class GazetteerCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sns-gazetteer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A configuration whose Gazetteer paths are relative to its own folder.</summary>
    private string WriteConfig()
    {
        string Rel(string? p) => Path.GetRelativePath(_dir, p!);
        var s = SharedData.Sources;
        var config = new JsonObject
        {
            ["Storage"] = new JsonObject { ["DataDir"] = "data" },
            ["Pipeline"] = new JsonObject { ["GlossaryDir"] = TestPosts.GlossaryDir() },
            ["Map"] = new JsonObject { ["CenterLat"] = 32.7, ["CenterLon"] = 130.7 },
            ["Gazetteer"] = new JsonObject
            {
                ["AbrDir"] = Rel(s.AbrDir), ["TownsDir"] = Rel(s.TownsDir), ["BoundariesFile"] = Rel(s.BoundariesFile),
                ["StationsFile"] = Rel(s.StationsFile), ["SheltersDir"] = Rel(s.SheltersDir),
            },
        };
        string path = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Import_writes_the_cache_and_analyze_places_posts_with_the_official_gazetteer()
    {
        string config = WriteConfig();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await GazetteerCommand.ImportAsync(["--config", config], stdout, stderr));
        Assert.Contains("1918 municipalities", stdout.ToString());
        Assert.True(File.Exists(Path.Combine(_dir, "data", "gazetteer-cache.bin")));
        Assert.Contains("浜松市中区", stderr.ToString()); // the old-ward warning names its file

        string input = Path.Combine(_dir, "in.jsonl"), output = Path.Combine(_dir, "out.jsonl");
        await File.WriteAllLinesAsync(input, [
            """{"schema_version":"1","source":"x","source_post_id":"a","text":"#救助 仙台市青葉区一番町2丁目3-4 閉じ込められています","created_at":"2026-04-14T21:30:00+09:00","author":{"id":"u1"}}""",
            """{"schema_version":"1","source":"x","source_post_id":"b","text":"美里町で土砂崩れ","created_at":"2026-04-14T21:31:00+09:00","author":{"id":"u2"}}""",
        ]);
        var err = new StringWriter();
        Assert.Equal(0, await AnalyzeCommand.RunAsync([input, "--out", output, "--config", config], TextWriter.Null, err));
        Assert.Contains("from cache", err.ToString());
        var lines = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!["analysis"]!["location"]!).ToList();
        Assert.Equal(("town", "041017", "一番町二丁目"), (lines[0]["level"]!.GetValue<string>(), lines[0]["lg_code"]!.GetValue<string>(), lines[0]["town"]!.GetValue<string>()));
        Assert.Equal("433489", lines[1]["lg_code"]!.GetValue<string>()); // 美里町 of the focus prefecture (熊本県), not 宮城県 or 埼玉県
    }

    [Fact]
    public async Task Rejected_import_exits_1_and_leaves_no_cache()
    {
        string config = WriteConfig();
        string abr = Path.Combine(_dir, "abr");
        Directory.CreateDirectory(abr);
        File.WriteAllText(Path.Combine(abr, "mt_pref_all.csv"), "lg_code\r\n");
        var stderr = new StringWriter();
        Assert.Equal(1, await GazetteerCommand.ImportAsync(["--config", config, "--abr", abr], new StringWriter(), stderr));
        Assert.Contains("missing column(s): pref", stderr.ToString());
        Assert.False(File.Exists(Path.Combine(_dir, "data", "gazetteer-cache.bin")));
    }
}
