using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Benchmarks.Geo;

/// <summary>The shared official data (../shared/data next to the repository) and the text corpora
/// the geolocation benchmarks use.</summary>
internal static class GeoData
{
    public static string SharedDir => SnsDashboard.TestData.SharedOpenData.Dir;

    public static GazetteerSources Sources => new()
    {
        AbrDir = Path.Combine(SharedDir, "gazetteer/abr"),
        TownsDir = Path.Combine(SharedDir, "gazetteer/geolonia-japanese-addresses/api/ja"),
        BoundariesFile = Path.Combine(SharedDir, "boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0001/N03-21_210101.json"),
        StationsFile = Path.Combine(SharedDir, "stations/mlit-ksj-N02-23/N02-23_Station.utf8.geojson"),
        SheltersDir = Path.Combine(SharedDir, "shelters/gsi-via-motohasystem-jp-shelter-api"),
    };

    public static string EvaluationFile(string name) => Path.Combine(ConfigPaths.Root, "tests/SnsDashboard.Tests/Geo/Evaluation", name);

    public static string[] Texts(string tsv) =>
        File.ReadLines(EvaluationFile(tsv)).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[1]).ToArray();

    /// <summary>Typical traffic: scenario posts (chatter, reports naming municipalities, a few addresses).</summary>
    public static string[] ScenarioTexts(int n) =>
        Directory.GetFiles(Path.Combine(ConfigPaths.Root, "scenarios"), "*.jsonl")
            .Where(f => !f.Contains("bad-lines"))
            .SelectMany(File.ReadLines)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .Take(n).ToArray();

    /// <summary>The full gazetteer through the same loader as the host: from the on-disk cache under
    /// the temp folder when the files are unchanged (seconds), else built and cached; focus 熊本県
    /// as in the evaluation.</summary>
    public static Gazetteer LoadCached() =>
        GazetteerLoader.Load(Sources, Path.Combine(Path.GetTempPath(), "sns-bench", GazetteerLoader.CacheFileName)).Gazetteer!.WithFocus(["熊本県"]);

    public static Post[] AddressPosts() => Texts("addresses.tsv").Select(MakePost).ToArray();

    /// <summary>2,000 scenario posts without a 番地-style address.</summary>
    public static Post[] TypicalPosts() =>
        ScenarioTexts(4000).Where(t => !(t.Any(char.IsAsciiDigit) && (t.Contains('町') || t.Contains('丁')))).Take(2000).Select(MakePost).ToArray();

    public static Post MakePost(string text) => new()
    {
        Source = "bench", SourcePostId = "1", Text = text, CreatedAt = DateTimeOffset.UnixEpoch, Author = new PostAuthor { Id = "a" },
    };
}
