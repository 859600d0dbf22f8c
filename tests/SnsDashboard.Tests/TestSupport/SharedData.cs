using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Tests.Replay;

namespace SnsDashboard.Tests.TestSupport;

/// <summary>
/// The official open-data copies in <c>../shared/data</c> next to the repository (see its
/// SOURCES.md). Tests that need them fail loudly when the folder is missing: the CI clone must sit
/// beside <c>shared/</c>.
/// </summary>
internal static class SharedData
{
    public static string Dir { get; } = Find();

    private static string Find()
    {
        var dir = Path.GetFullPath(Path.Combine(ScenarioPaths.Root, "..", "shared", "data"));
        if (!File.Exists(Path.Combine(dir, "SOURCES.md")))
            throw new DirectoryNotFoundException($"shared open data not found at {dir}: these tests need ../shared/data next to the repository");
        return dir;
    }

    public static GazetteerSources Sources { get; } = new()
    {
        AbrDir = Path.Combine(Dir, "gazetteer/abr"),
        TownsDir = Path.Combine(Dir, "gazetteer/geolonia-japanese-addresses/api/ja"),
        BoundariesFile = Path.Combine(Dir, "boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0001/N03-21_210101.json"),
        StationsFile = Path.Combine(Dir, "stations/mlit-ksj-N02-23/N02-23_Station.utf8.geojson"),
        SheltersDir = Path.Combine(Dir, "shelters/gsi-via-motohasystem-jp-shelter-api"),
    };

    private static readonly Lazy<GazetteerBuilder.Result> Built = new(() => GazetteerBuilder.Build(Sources));

    /// <summary>The full gazetteer, built once per test run.</summary>
    public static Gazetteer Full => Built.Value.Gazetteer ?? throw new InvalidOperationException("shared data build rejected: " + Built.Value.Summary);
    public static GazetteerBuilder.Result FullResult => Built.Value;
}
