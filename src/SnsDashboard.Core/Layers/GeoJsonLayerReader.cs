using System.Text.Json;

namespace SnsDashboard.Core.Layers;

/// <summary>
/// Reads RFC 7946 GeoJSON (FeatureCollection, Feature or a bare geometry). A legacy <c>crs</c>
/// member is accepted only when it names a geographic WGS84/JGD CRS; anything projected is refused
/// rather than silently misplaced.
/// </summary>
public static class GeoJsonLayerReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip };

    public sealed record Result(IReadOnlyList<LayerFeature> Features, string? Name);

    public static Result Read(string fileName, ReadOnlyMemory<byte> utf8)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(utf8, Options); }
        catch (JsonException e)
        {
            throw new LayerImportException($"{fileName}: line {e.LineNumber + 1}: not valid JSON ({FirstSentence(e.Message)})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
                throw new LayerImportException($"{fileName}: not GeoJSON (the top level needs a \"type\")");
            CheckCrs(fileName, root);
            var type = typeEl.GetString();
            var features = new List<LayerFeature>();
            string? name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            switch (type)
            {
                case "FeatureCollection":
                    if (!root.TryGetProperty("features", out var fs) || fs.ValueKind != JsonValueKind.Array)
                        throw new LayerImportException($"{fileName}: FeatureCollection without a \"features\" array");
                    var i = 0;
                    foreach (var f in fs.EnumerateArray())
                    {
                        if (ReadFeature(fileName, f, i) is { } feature) features.Add(feature);
                        i++;
                    }
                    break;
                case "Feature":
                    if (ReadFeature(fileName, root, 0) is { } single) features.Add(single);
                    break;
                case "unavailable":
                    // The GSI shelter API's stub for municipalities that publish no data.
                    var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
                    throw new LayerImportException($"{fileName}: the file holds no data (\"unavailable\": {message})");
                default:
                    features.Add(new LayerFeature(ReadGeometry(fileName, root, "geometry"), new Dictionary<string, string?>()));
                    break;
            }
            return new Result(features, name);
        }
    }

    private static void CheckCrs(string fileName, JsonElement root)
    {
        if (!root.TryGetProperty("crs", out var crs) || crs.ValueKind == JsonValueKind.Null) return;
        var crsName = crs.TryGetProperty("properties", out var p) && p.TryGetProperty("name", out var nm) ? nm.GetString() : null;
        if (!CrsNames.IsGeographicWgs84OrJgd(crsName))
            throw new LayerImportException(
                $"{fileName}: coordinate reference system \"{crsName}\" is not supported; convert the file to WGS84/JGD2011 longitude-latitude (RFC 7946)");
    }

    private static LayerFeature? ReadFeature(string fileName, JsonElement f, int index)
    {
        var where = $"feature {index + 1}";
        if (f.ValueKind != JsonValueKind.Object)
            throw new LayerImportException($"{fileName}: {where}: not an object");
        if (!f.TryGetProperty("geometry", out var g) || g.ValueKind == JsonValueKind.Null)
            return null; // RFC 7946 allows unlocated features; they cannot be drawn, so they are skipped.
        var props = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var prop in p.EnumerateObject())
                props[prop.Name] = prop.Value.ValueKind switch
                {
                    JsonValueKind.String => prop.Value.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.Number => prop.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => prop.Value.GetRawText(),
                };
        return new LayerFeature(ReadGeometry(fileName, g, where), props);
    }

    private static LayerGeometry ReadGeometry(string fileName, JsonElement g, string where)
    {
        if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("type", out var t))
            throw new LayerImportException($"{fileName}: {where}: geometry without a type");
        var type = t.GetString();
        if (type == "GeometryCollection")
            throw new LayerImportException($"{fileName}: {where}: GeometryCollection is not supported; split it into features");
        if (!g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array)
            throw new LayerImportException($"{fileName}: {where}: {type} without \"coordinates\"");
        try
        {
            return type switch
            {
                "Point" => new(GeometryKind.Point, [[Position(c)]]),
                "MultiPoint" => new(GeometryKind.Point, c.EnumerateArray().Select(p => new[] { Position(p) }).ToArray()),
                "LineString" => new(GeometryKind.Line, [[Ring(c)]]),
                "MultiLineString" => new(GeometryKind.Line, c.EnumerateArray().Select(l => new[] { Ring(l) }).ToArray()),
                "Polygon" => new(GeometryKind.Polygon, [Rings(c)]),
                "MultiPolygon" => new(GeometryKind.Polygon, c.EnumerateArray().Select(Rings).ToArray()),
                _ => throw new LayerImportException($"{fileName}: {where}: unknown geometry type \"{type}\""),
            };
        }
        catch (FormatException e)
        {
            throw new LayerImportException($"{fileName}: {where}: {type} coordinates are malformed ({e.Message})");
        }
    }

    private static double[][] Rings(JsonElement rings)
    {
        if (rings.ValueKind != JsonValueKind.Array) throw new FormatException("expected an array of rings");
        return rings.EnumerateArray().Select(Ring).ToArray();
    }

    private static double[] Ring(JsonElement positions)
    {
        if (positions.ValueKind != JsonValueKind.Array) throw new FormatException("expected an array of positions");
        var flat = new double[positions.GetArrayLength() * 2];
        var i = 0;
        foreach (var p in positions.EnumerateArray())
        {
            var xy = Position(p);
            flat[i++] = xy[0];
            flat[i++] = xy[1];
        }
        return flat;
    }

    private static double[] Position(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2)
            throw new FormatException("a position needs [longitude, latitude]");
        if (p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number)
            throw new FormatException("a position must hold numbers");
        return [p[0].GetDouble(), p[1].GetDouble()];
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>CRS identifiers we accept: geographic WGS84 and JGD2000/JGD2011 (interchangeable with
/// WGS84 at map scale). Projected systems (plane rectangular, Web Mercator) are refused.</summary>
public static class CrsNames
{
    private static readonly string[] AcceptedCodes = ["4326", "4979", "6668", "6697", "4612", "4019", "CRS84"];

    public static bool IsGeographicWgs84OrJgd(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        var trimmed = name.Trim().TrimEnd('/');
        var code = trimmed[(trimmed.LastIndexOfAny([':', '/']) + 1)..];
        return AcceptedCodes.Contains(code, StringComparer.OrdinalIgnoreCase);
    }
}
