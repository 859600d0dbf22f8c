using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Tests.Replay;

namespace SnsDashboard.Tests.TestSupport;

/// <summary>
/// The gazetteer built from the shared official open data (<see cref="SnsDashboard.TestData.SharedOpenData"/>).
/// </summary>
internal static class SharedData
{
    public static string Dir => SnsDashboard.TestData.SharedOpenData.Dir;

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
