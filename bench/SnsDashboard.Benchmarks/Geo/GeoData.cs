using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Geo.Import;

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
}
