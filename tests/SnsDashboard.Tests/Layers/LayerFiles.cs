using System.IO.Compression;
using SnsDashboard.Tests.Replay;

namespace SnsDashboard.Tests.Layers;

/// <summary>Real open-data samples (../shared/data, see its SOURCES.md) and the hostile fixtures
/// under tests/SnsDashboard.Tests/Layers/Fixtures.</summary>
internal static class LayerFiles
{
    public static string Shared(string relative) => SnsDashboard.TestData.SharedOpenData.File(relative);

    public static string Fixture(string name) => Path.Combine(ScenarioPaths.Root, "tests", "SnsDashboard.Tests", "Layers", "Fixtures", name);

    public const string KumamotoShelters = "shelters/gsi-via-motohasystem-jp-shelter-api/emergency/431001.json";
    public const string KumamotoShelterStub = "shelters/gsi-via-motohasystem-jp-shelter-api/emergency/431010.json";
    public const string KumamotoEvacuation = "shelters/gsi-via-motohasystem-jp-shelter-api/evacuation/431001.json";
    public const string NumazuFlood = "hazard/plateau-22203-numazu-2021/udx/fld/natl/kanogawa_kanogawa/52385628_fld_6697_l2_op.gml";
    public const string NumazuLandslide = "hazard/plateau-22203-numazu-2021/udx/lsld/523856_lsld_6668_op.gml";
    public const string NumazuTsunami = "hazard/plateau-22203-numazu-2021/udx/tnm/22_4/523856_tnm_6697_op.gml";
    public const string TokyoLandslide = "hazard/plateau-13100-tokyo23ku-2020/udx/lsld/533925_lsld_6668_op.gml";
    public const string KumamotoMunicipalities = "boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0010/N03-21_43_210101.json";
    public const string Prefectures = "boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0001/prefectures.json";
    public const string Stations = "stations/mlit-ksj-N02-23/N02-23_Station.utf8.geojson";

    /// <summary>Writes a KMZ with the given entries to a temp file.</summary>
    public static string WriteKmz(params (string Name, byte[] Content)[] entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"layer-test-{Guid.NewGuid():N}.kmz");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            s.Write(content);
        }
        return path;
    }
}
