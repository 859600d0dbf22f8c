using System.Text.Json;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// MLIT N03 administrative boundaries as GeoJSON FeatureCollection or TopoJSON Topology
/// (properties <c>N03_003</c> city/county, <c>N03_004</c> municipality/ward, <c>N03_007</c> 5-digit
/// code without check digit). Features without a code (所属未定地) are skipped; codes that ABR no
/// longer has (the old 浜松市 wards of the 2021 edition) are filed under their designated city.
/// </summary>
internal static class BoundaryImporter
{
    public static List<MunicipalityBoundary> Import(string file, List<GazetteerPlace> abr, ImportLog log)
    {
        var result = new List<MunicipalityBoundary>();
        var text = File.Exists(file) ? SourceText.ReadUtf8Bytes(file, log) : null;
        if (text is null) { if (!File.Exists(file)) log.Add(file, 0, "boundary file not found"); return result; }
        var byCode5 = abr.Where(p => p.Kind == PlaceKind.Municipality && p.LgCode is not null).ToDictionary(p => p.LgCode![..5], StringComparer.Ordinal);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException e) { log.Add(file, (int)(e.LineNumber ?? 0) + 1, $"malformed or truncated JSON ({e.Message.Split('.')[0]}); boundaries not loaded"); return result; }
        using (doc)
        {
            var root = doc.RootElement;
            string type = root.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            IEnumerable<(JsonElement Props, List<double[]> Rings)> features = type switch
            {
                "FeatureCollection" => GeoJsonFeatures(root),
                "Topology" => TopoJson.Features(root),
                _ => [],
            };
            if (type is not ("FeatureCollection" or "Topology")) log.Add(file, 1, $"expected a GeoJSON FeatureCollection or a TopoJSON Topology, found '{type}'");
            int index = 0, unknown = 0;
            var byCode = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
            foreach (var (props, rings) in features)
            {
                index++;
                string? code5 = props.ValueKind == JsonValueKind.Object && props.TryGetProperty("N03_007", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (code5 is null) continue; // 所属未定地
                var muni = byCode5.GetValueOrDefault(code5);
                if (muni is null && props.TryGetProperty("N03_003", out var city) && city.GetString() is { } cityName)
                    muni = abr.FirstOrDefault(p => p.Kind == PlaceKind.Municipality && p.Name == cityName && p.LgCode![..2] == code5[..2]);
                if (muni is null) { unknown++; log.Add(file, 0, $"feature {index}: unknown municipality code {code5}; skipped"); continue; }
                if (rings.Any(r => r.Length >= 2 && !GeoMath.InJapan(r[1], r[0]))) { log.Add(file, 0, $"feature {index} ({code5}): coordinates outside Japan; skipped"); continue; }
                if (!byCode.TryGetValue(muni.LgCode!, out var all)) byCode[muni.LgCode!] = all = [];
                all.AddRange(rings);
            }
            foreach (var (code, rings) in byCode) result.Add(new MunicipalityBoundary(code, rings));
        }
        return result;
    }

    private static IEnumerable<(JsonElement, List<double[]>)> GeoJsonFeatures(JsonElement root)
    {
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array) yield break;
        foreach (var f in features.EnumerateArray())
        {
            var rings = new List<double[]>();
            if (f.TryGetProperty("geometry", out var geom) && geom.ValueKind == JsonValueKind.Object && geom.TryGetProperty("coordinates", out var coords))
            {
                string gt = geom.GetProperty("type").GetString() ?? "";
                if (gt == "Polygon") foreach (var ring in coords.EnumerateArray()) rings.Add(Ring(ring));
                else if (gt == "MultiPolygon") foreach (var poly in coords.EnumerateArray()) foreach (var ring in poly.EnumerateArray()) rings.Add(Ring(ring));
            }
            yield return (f.TryGetProperty("properties", out var p) ? p : default, rings);
        }
    }

    private static double[] Ring(JsonElement ring)
    {
        var pts = new double[ring.GetArrayLength() * 2];
        int i = 0;
        foreach (var pt in ring.EnumerateArray()) { pts[i++] = pt[0].GetDouble(); pts[i++] = pt[1].GetDouble(); }
        return pts;
    }
}

/// <summary>Decodes TopoJSON (quantized arcs with a transform, RFC-like spec by Bostock) into rings.</summary>
internal static class TopoJson
{
    public static IEnumerable<(JsonElement, List<double[]>)> Features(JsonElement topo)
    {
        double sx = 1, sy = 1, tx = 0, ty = 0;
        bool quantized = topo.TryGetProperty("transform", out var tr);
        if (quantized)
        {
            sx = tr.GetProperty("scale")[0].GetDouble(); sy = tr.GetProperty("scale")[1].GetDouble();
            tx = tr.GetProperty("translate")[0].GetDouble(); ty = tr.GetProperty("translate")[1].GetDouble();
        }
        var arcs = new List<double[]>();
        foreach (var arc in topo.GetProperty("arcs").EnumerateArray())
        {
            var pts = new double[arc.GetArrayLength() * 2];
            double x = 0, y = 0; int i = 0;
            foreach (var p in arc.EnumerateArray())
            {
                if (quantized) { x += p[0].GetDouble(); y += p[1].GetDouble(); pts[i++] = x * sx + tx; pts[i++] = y * sy + ty; }
                else { pts[i++] = p[0].GetDouble(); pts[i++] = p[1].GetDouble(); }
            }
            arcs.Add(pts);
        }
        foreach (var obj in topo.GetProperty("objects").EnumerateObject())
        {
            if (!obj.Value.TryGetProperty("geometries", out var geoms)) continue;
            foreach (var g in geoms.EnumerateArray())
            {
                var rings = new List<double[]>();
                string type = g.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                if (type == "Polygon") foreach (var ring in g.GetProperty("arcs").EnumerateArray()) rings.Add(Ring(ring, arcs));
                else if (type == "MultiPolygon") foreach (var poly in g.GetProperty("arcs").EnumerateArray()) foreach (var ring in poly.EnumerateArray()) rings.Add(Ring(ring, arcs));
                yield return (g.TryGetProperty("properties", out var p) ? p : default, rings);
            }
        }
    }

    private static double[] Ring(JsonElement arcIndexes, List<double[]> arcs)
    {
        var pts = new List<double>();
        foreach (var ai in arcIndexes.EnumerateArray())
        {
            int idx = ai.GetInt32();
            var arc = idx >= 0 ? arcs[idx] : arcs[~idx];
            int n = arc.Length / 2;
            for (int k = 0; k < n; k++)
            {
                int j = idx >= 0 ? k : n - 1 - k;
                if (k == 0 && pts.Count > 0) continue; // shared point with the previous arc
                pts.Add(arc[2 * j]); pts.Add(arc[2 * j + 1]);
            }
        }
        return pts.ToArray();
    }
}
