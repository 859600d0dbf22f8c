using System.Text;
using System.Text.Json;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Layers;

namespace SnsDashboard.Web.Maps;

/// <summary>
/// The vector base the map falls back to when no tiles load: the imported boundary layers
/// (N03 行政区域) when there are any, otherwise the built-in generalised prefecture outlines
/// (derived from N03, see Maps/BuiltIn/README.md) with the demo gazetteer's prefecture and
/// municipality points as labelled dots (approximate demo data) — never an empty grey pane.
/// </summary>
public static class FallbackBase
{
    public const string BuiltInAttribution = "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成（簡略化した都道府県界）・内蔵デモ地名データ（概略位置）";

    private static readonly Lazy<IReadOnlyList<LayerFeature>> BuiltInOutlines = new(() =>
    {
        using var s = typeof(FallbackBase).Assembly.GetManifestResourceStream("SnsDashboard.Web.Maps.BuiltIn.prefectures.geojson")
            ?? throw new InvalidOperationException("built-in prefecture outlines missing from the assembly");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return GeoJsonLayerReader.Read("prefectures.geojson", ms.ToArray()).Features;
    });

    public static async Task<byte[]> BuildAsync(ILayerCatalogue catalogue, CancellationToken ct)
    {
        var boundaries = (await catalogue.ListAsync(ct: ct)).Where(l => l.Theme == LayerThemes.Boundaries).ToList();
        if (boundaries.Count > 0)
        {
            // Concatenate the stored feature collections into one without re-parsing coordinates.
            var parts = new List<LayerFeature>();
            foreach (var l in boundaries)
                if (await catalogue.GetGeoJsonAsync(l.Id, ct) is { } json)
                    parts.AddRange(GeoJsonLayerReader.Read(l.FileName, json).Features);
            return LayerGeoJson.Write(parts);
        }
        var places = BuiltInOutlines.Value.Concat(DemoGazetteer.Create().Places
            .Where(p => p.Kind is PlaceKind.Prefecture or PlaceKind.Municipality)
            .Select(p => new LayerFeature(LayerGeometry.Point(p.Lon, p.Lat),
                new Dictionary<string, string?> { ["name"] = p.Name, ["kind"] = p.Kind == PlaceKind.Prefecture ? "prefecture" : "municipality" })))
            .ToList();
        return LayerGeoJson.Write(places);
    }

    /// <summary>The attribution of the fallback base (the boundary layers' credits, or the built-in data's).</summary>
    public static async Task<string> AttributionAsync(ILayerCatalogue catalogue, CancellationToken ct)
    {
        var credits = (await catalogue.ListAsync(ct: ct)).Where(l => l.Theme == LayerThemes.Boundaries)
            .Select(l => l.Attribution).Where(a => a.Length > 0).Distinct().ToList();
        return credits.Count > 0 ? string.Join(" / ", credits) : BuiltInAttribution;
    }
}
