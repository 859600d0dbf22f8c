using System.Text.Json.Nodes;
using SnsDashboard.Cli.Commands;
using SnsDashboard.Core.Configuration;

namespace SnsDashboard.Tests.Cli;

public class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sns-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(string id, string text, string at, string author = "resident-1") =>
        new JsonObject
        {
            ["schema_version"] = "1", ["source"] = "x", ["source_post_id"] = id, ["text"] = text,
            ["created_at"] = at, ["author"] = new JsonObject { ["id"] = author }, ["extra_field"] = "kept",
        }.ToJsonString();

    private Task<(int Exit, List<JsonObject> Lines, string Stderr)> RunAsync(params string[] inputLines) =>
        RunWithConfigAsync(Path.Combine(ConfigPaths.Root, "appsettings.json"), inputLines);

    private async Task<(int Exit, List<JsonObject> Lines, string Stderr)> RunWithConfigAsync(string config, params string[] inputLines)
    {
        var input = Path.Combine(_dir, "in.jsonl");
        var output = Path.Combine(_dir, "out.jsonl");
        await File.WriteAllLinesAsync(input, inputLines);
        var stderr = new StringWriter();
        int exit = await AnalyzeCommand.RunAsync([input, "--out", output, "--config", config],
            TextWriter.Null, stderr);
        var lines = exit == 0
            ? (await File.ReadAllLinesAsync(output)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
        return (exit, lines, stderr.ToString());
    }

    [Fact]
    public async Task The_record_carries_spatial_joins_against_the_configured_layer_catalogue()
    {
        // The repository's configuration with its own data folder, holding one imported hazard layer.
        var root = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ConfigPaths.Root, "appsettings.json")))!.AsObject();
        root["Storage"]!["DataDir"] = Path.Combine(_dir, "data");
        root["Pipeline"]!["GlossaryDir"] = Path.Combine(ConfigPaths.Root, "keyword-glossary");
        var config = Path.Combine(_dir, "appsettings.json");
        await File.WriteAllTextAsync(config, root.ToJsonString());
        var zone = Path.Combine(_dir, "zone.geojson");
        await File.WriteAllTextAsync(zone,
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"区域種別\":\"土砂災害警戒区域\",\"区域区分\":\"1\"}," +
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[130.79,32.79],[130.81,32.79],[130.81,32.81],[130.79,32.81],[130.79,32.79]]]}}]}");
        Assert.Equal(0, await LayersCommand.RunAsync(["import", zone, "--theme", "hazard", "--title", "テスト区域", "--config", config], TextWriter.Null, TextWriter.Null));

        var inZone = new JsonObject
        {
            ["schema_version"] = "1", ["source"] = "x", ["source_post_id"] = "g", ["text"] = "助けて！裏山が崩れた",
            ["created_at"] = "2016-04-16T01:30:00+09:00", ["author"] = new JsonObject { ["id"] = "a" },
            ["geo"] = new JsonObject { ["lat"] = 32.80, ["lon"] = 130.80, ["kind"] = "exact" },
        }.ToJsonString();
        var (exit, lines, _) = await RunWithConfigAsync(config, inZone, Line("n", "今日のランチはカレーでした", "2016-04-16T01:31:00+09:00"));

        Assert.Equal(0, exit);
        var spatial = lines[0]["analysis"]!["spatial"]!;
        Assert.Equal("土砂災害警戒区域", spatial["zones"]![0]!["zone_name"]!.GetValue<string>());
        Assert.Equal("1", spatial["zones"]![0]!["attributes"]!["区域区分"]!.GetValue<string>());
        Assert.True(lines[1]["analysis"]!.AsObject().ContainsKey("spatial")); // present, null: not placed
        Assert.Null(lines[1]["analysis"]!["spatial"]);
    }

    [Fact]
    public async Task Each_input_line_yields_one_output_line_in_input_order_with_its_analysis()
    {
        var (exit, lines, _) = await RunAsync(
            Line("a", "#救助 益城町宮園 家が倒壊して2階に取り残されています", "2016-04-16T01:30:00+09:00"),
            Line("b", "今日のランチはカレーでした", "2016-04-16T01:31:00+09:00"));

        Assert.Equal(0, exit);
        Assert.Equal(["a", "b"], lines.Select(l => l["source_post_id"]!.GetValue<string>()));
        Assert.Equal("kept", lines[0]["extra_field"]!.GetValue<string>()); // the input object is echoed whole
        var rescue = lines[0]["analysis"]!;
        Assert.True(rescue["relevant"]!.GetValue<bool>());
        Assert.Contains("rescue_request", rescue["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("益城町", rescue["location"]!["city"]!.GetValue<string>());
        Assert.False(lines[1]["analysis"]!["relevant"]!.GetValue<bool>());
        Assert.Null(lines[1]["analysis"]!["location"]);
    }

    [Fact]
    public async Task A_bad_line_becomes_an_error_line_with_its_number_and_the_run_continues()
    {
        var (exit, lines, stderr) = await RunAsync(
            Line("a", "益城町で停電しています", "2016-04-16T01:30:00+09:00"),
            "{not json",
            Line("c", "熊本市東区で断水", "2016-04-16 01:32"));

        Assert.Equal(0, exit);
        Assert.Equal(3, lines.Count);
        Assert.Equal(2, lines[1]["line"]!.GetValue<int>());
        Assert.Contains("malformed JSON", lines[1]["error"]!.GetValue<string>());
        Assert.Equal(3, lines[2]["line"]!.GetValue<int>());
        Assert.Contains("created_at", lines[2]["error"]!.GetValue<string>());
        Assert.NotNull(lines[0]["analysis"]);
        Assert.Contains("2 bad lines", stderr);
    }

    [Fact]
    public async Task Posts_are_analysed_in_created_at_order_so_the_later_copy_points_to_the_earlier_one()
    {
        const string text = "#救助 益城町木山 祖母が家の下敷きになっています。助けてください";
        var (_, lines, _) = await RunAsync(
            Line("copy", text, "2016-04-16T01:40:00+09:00", "someone-else"),   // first in the file, later in time
            Line("original", text, "2016-04-16T01:35:00+09:00"));

        Assert.Equal("original", lines[0]["analysis"]!["duplicate_of"]!.GetValue<string>());
        Assert.Null(lines[1]["analysis"]!["duplicate_of"]);
        Assert.Equal(lines[0]["analysis"]!["claim_id"]!.GetValue<string>(), lines[1]["analysis"]!["claim_id"]!.GetValue<string>());
        var reliability = lines[0]["analysis"]!["reliability"]!;
        Assert.Contains(reliability["reasons"]!.AsArray(), r => r!.GetValue<string>() == "copy_not_independent:original");
        Assert.Contains(reliability["explanations"]!.AsArray(), r => r!.GetValue<string>() == "Copy of an earlier post (original): not independent");
        Assert.Equal("unverified", lines[0]["analysis"]!["claim_status"]!.GetValue<string>());
    }

    private async Task<string> ConfigWithAuthorWindowAsync(string hours)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ConfigPaths.Root, "appsettings.json")))!.AsObject();
        root["Storage"]!["DataDir"] = Path.Combine(_dir, "data");
        root["Pipeline"]!["GlossaryDir"] = Path.Combine(ConfigPaths.Root, "keyword-glossary");
        root["Geolocation"]!["AuthorContext"]!["WindowHours"] = JsonNode.Parse(hours);
        var config = Path.Combine(_dir, "appsettings-" + hours + ".json");
        await File.WriteAllTextAsync(config, root.ToJsonString());
        return config;
    }

    [Fact]
    public async Task The_same_author_window_comes_from_the_configuration_and_a_bad_value_is_refused()
    {
        string[] posts =
        [
            Line("report", "熊本市東区健軍本町で家が倒壊、閉じ込められています", "2016-04-16T01:00:00+09:00"),
            Line("after-10-min", "2階に取り残されています、まだ救助が来ません", "2016-04-16T01:10:00+09:00"),
            Line("after-20-min", "2階に取り残されています、まだ救助が来ません", "2016-04-16T01:20:00+09:00"),
        ];
        static string? Source(JsonObject line) => line["analysis"]!["location"]?["source"]?.GetValue<string>();

        var (exit, lines, _) = await RunWithConfigAsync(await ConfigWithAuthorWindowAsync("0.25"), posts);
        Assert.Equal(0, exit);
        Assert.Equal(["text", "author", null], lines.Select(Source));

        (_, lines, _) = await RunAsync(posts); // the repository's 3 h
        Assert.Equal(["text", "author", "author"], lines.Select(Source));

        (exit, _, var stderr) = await RunWithConfigAsync(await ConfigWithAuthorWindowAsync("30"), posts);
        Assert.Equal(2, exit);
        Assert.Contains("Geolocation:AuthorContext:WindowHours must be between 0 and 24", stderr);
    }

    [Fact]
    public async Task Unusable_arguments_exit_with_2()
    {
        Assert.Equal(2, await AnalyzeCommand.RunAsync([], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await AnalyzeCommand.RunAsync([Path.Combine(_dir, "missing.jsonl")], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await AnalyzeCommand.RunAsync(["x.jsonl", "--bogus", "1"], TextWriter.Null, TextWriter.Null));
        var input = Path.Combine(_dir, "in.jsonl");
        await File.WriteAllTextAsync(input, "");
        Assert.Equal(2, await AnalyzeCommand.RunAsync([input, "--config", Path.Combine(_dir, "nope.json")], TextWriter.Null, TextWriter.Null));
    }
}
