using System.Globalization;
using System.Xml.Linq;

namespace SnsDashboard.Core.Layers;

/// <summary>
/// Reads PLATEAU CityGML hazard files (flood 洪水浸水想定区域 and tsunami 津波浸水想定 as
/// wtr:WaterBody, landslide 土砂災害警戒区域 as gen:GenericCityObject). PLATEAU's CRS
/// (EPSG:6697 / 6668) lists <b>latitude first</b>: every gml:posList is read as
/// (lat, lon[, height]) and turned into longitude-first positions. Other CRSs are refused.
/// </summary>
public static class CityGmlLayerReader
{
    public sealed record Result(IReadOnlyList<LayerFeature> Features, string Crs, string? HazardKind);

    public static Result Read(string fileName, Stream stream, LayerImportLimits limits)
    {
        var doc = SafeXml.Load(fileName, stream, limits.MaxFileBytes);
        var root = doc.Root ?? throw new LayerImportException($"{fileName}: empty XML");
        if (root.Name.LocalName != "CityModel")
            throw new LayerImportException($"{fileName}: not a CityGML CityModel (root element <{root.Name.LocalName}>)");

        var envelope = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Envelope");
        var docSrs = envelope?.Attribute("srsName")?.Value;
        var docDim = ParseDim(envelope?.Attribute("srsDimension")?.Value) ?? 3;

        var features = new List<LayerFeature>();
        string? crs = docSrs;
        foreach (var member in root.Elements().Where(e => e.Name.LocalName == "cityObjectMember"))
        {
            var obj = member.Elements().FirstOrDefault();
            if (obj is null) continue;
            var line = SafeXml.Line(obj);
            var props = new Dictionary<string, string?>(StringComparer.Ordinal) { ["type"] = obj.Name.LocalName };
            if (obj.Elements().FirstOrDefault(e => e.Name.LocalName == "name") is { } name) props["name"] = name.Value.Trim();
            foreach (var attr in obj.Descendants().Where(e => e.Name.LocalName.EndsWith("Attribute", StringComparison.Ordinal) && e.Attribute("name") is not null))
            {
                var value = attr.Elements().FirstOrDefault(v => v.Name.LocalName == "value")?.Value.Trim();
                props[attr.Attribute("name")!.Value] = value;
                if (attr.Parent is { } set && set.Name.LocalName == "genericAttributeSet" && set.Attribute("name") is { } setName)
                    props["区域種別"] = setName.Value;
            }

            var polygons = new List<double[][]>();
            foreach (var polygon in obj.Descendants().Where(e => e.Name.LocalName == "Polygon"))
            {
                var rings = new List<double[]>();
                foreach (var boundary in polygon.Elements().Where(e => e.Name.LocalName is "exterior" or "interior"))
                {
                    var posList = boundary.Descendants().FirstOrDefault(e => e.Name.LocalName == "posList")
                                  ?? throw new LayerImportException($"{fileName}: line {SafeXml.Line(boundary)}: ring without gml:posList");
                    var srs = posList.Attribute("srsName")?.Value ?? polygon.Attribute("srsName")?.Value ?? docSrs;
                    crs ??= srs;
                    if (!CrsNames.IsGeographicWgs84OrJgd(srs))
                        throw new LayerImportException($"{fileName}: line {SafeXml.Line(posList)}: CRS \"{srs ?? "(none)"}\" is not supported; PLATEAU files use EPSG:6697 or EPSG:6668 (JGD2011 latitude, longitude)");
                    var dim = ParseDim(posList.Attribute("srsDimension")?.Value) ?? docDim;
                    rings.Add(LatLonToLonLat(fileName, posList, dim));
                }
                if (rings.Count > 0) polygons.Add(rings.ToArray());
            }
            if (polygons.Count == 0) continue;
            features.Add(new LayerFeature(new LayerGeometry(GeometryKind.Polygon, polygons.ToArray()), props));
        }
        return new Result(features, crs ?? "", HazardKindOf(fileName, features));
    }

    private static int? ParseDim(string? s) => int.TryParse(s, out var d) && d is 2 or 3 ? d : null;

    private static double[] LatLonToLonLat(string fileName, XElement posList, int dim)
    {
        var tokens = posList.Value.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length % dim != 0)
            throw new LayerImportException($"{fileName}: line {SafeXml.Line(posList)}: gml:posList has {tokens.Length} numbers, not a multiple of srsDimension {dim}");
        var n = tokens.Length / dim;
        var flat = new double[n * 2];
        for (var i = 0; i < n; i++)
        {
            if (!double.TryParse(tokens[i * dim], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(tokens[i * dim + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
                throw new LayerImportException($"{fileName}: line {SafeXml.Line(posList)}: gml:posList holds a value that is not a number");
            flat[2 * i] = lon;
            flat[2 * i + 1] = lat;
        }
        return flat;
    }

    /// <summary>PLATEAU folder names: udx/fld (flood), udx/tnm (tsunami), udx/lsld (landslide).</summary>
    private static string? HazardKindOf(string fileName, IReadOnlyList<LayerFeature> features)
    {
        var f = fileName.Replace('\\', '/');
        if (f.Contains("_lsld_", StringComparison.Ordinal) || features.Any(x => x.Properties.ContainsKey("区域区分"))) return "landslide";
        if (f.Contains("_tnm_", StringComparison.Ordinal)) return "tsunami";
        if (f.Contains("_fld_", StringComparison.Ordinal)) return "flood";
        return null;
    }
}
