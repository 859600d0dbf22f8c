using System.Text.Json;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// Landmarks from two official layers: MLIT N02 railway stations (GeoJSON LineString platform
/// segments, one landmark per station group at the middle of its first segment, named 〇〇駅) and
/// GSI designated shelters (GeoJSON points, one file per municipality named by its 6-digit code;
/// <c>"type":"unavailable"</c> stubs are counted). A landmark's municipality comes from the
/// boundaries when loaded, else from the file name (shelters) or the nearest town (stations).
/// </summary>
internal static class LandmarkImporter
{
    public static List<GazetteerPlace> ImportStations(string file, Func<double, double, GazetteerPlace?> municipalityAt, ImportLog log)
    {
        var result = new List<GazetteerPlace>();
        if (!File.Exists(file)) { log.Add(file, 0, "station file not found"); return result; }
        var bytes = SourceText.ReadUtf8Bytes(file, log);
        if (bytes is null) return result;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException e) { log.Add(file, (int)(e.LineNumber ?? 0) + 1, $"malformed or truncated JSON ({e.Message.Split('.')[0]}); stations not loaded"); return result; }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("features", out var features)) { log.Add(file, 1, "no features array"); return result; }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var f in features.EnumerateArray())
            {
                index++;
                if (!f.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object
                    || Str(p, "N02_005") is not { Length: > 0 } name) { log.Add(file, 0, $"feature {index}: no station name (N02_005); skipped"); continue; }
                string group = Str(p, "N02_005g") ?? $"{name}/{index}";
                if (!seen.Add(group)) continue;
                if (!Midpoint(f, out double lat, out double lon)) { log.Add(file, 0, $"feature {index} ({name}): no LineString coordinates; skipped"); continue; }
                if (!GeoMath.InJapan(lat, lon)) { log.Add(file, 0, $"feature {index} ({name}): point ({lat}, {lon}) outside Japan{(GeoMath.InJapan(lon, lat) ? " (lat/lon swapped?)" : "")}; skipped"); continue; }
                var muni = municipalityAt(lat, lon);
                if (muni is null) { log.Add(file, 0, $"feature {index} ({name}): no municipality at ({lat}, {lon}); skipped"); continue; }
                string label = name.EndsWith('駅') ? name : name + "駅";
                result.Add(Landmark(label, "station", muni, lat, lon));
            }
        }
        // Several groups of one name in one municipality (different operators) are one landmark.
        return result.DistinctBy(l => (l.Name, l.ParentCode)).ToList();
    }

    public static List<GazetteerPlace> ImportShelters(string dir, IReadOnlyDictionary<string, GazetteerPlace> municipalities,
        Func<double, double, GazetteerPlace?> municipalityAt, ImportLog log, out int unavailable)
    {
        unavailable = 0;
        var result = new List<GazetteerPlace>();
        if (!Directory.Exists(dir)) { log.Add(dir, 0, "shelter folder not found"); return result; }
        foreach (var file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string code = Path.GetFileNameWithoutExtension(file);
            if (!AbrImporter.ValidCode(code, file, 0, log)) continue;
            if (!municipalities.TryGetValue(code, out var fileMuni)) { log.Add(file, 0, $"unknown municipality code {code}; file skipped"); continue; }
            var bytes = SourceText.ReadUtf8Bytes(file, log);
            if (bytes is null) continue;
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                var root = doc.RootElement;
                if (Str(root, "type") == "unavailable") { unavailable++; continue; }
                if (!root.TryGetProperty("features", out var features)) { log.Add(file, 1, "no features array; file skipped"); continue; }
                int index = 0;
                foreach (var f in features.EnumerateArray())
                {
                    index++;
                    if (!f.TryGetProperty("properties", out var p) || Str(p, "施設・場所名") is not { Length: >= 2 } name) { log.Add(file, 0, $"feature {index}: no 施設・場所名; skipped"); continue; }
                    if (!f.TryGetProperty("geometry", out var g) || !g.TryGetProperty("coordinates", out var c) || c.GetArrayLength() < 2
                        || c[0].ValueKind != JsonValueKind.Number || c[1].ValueKind != JsonValueKind.Number) { log.Add(file, 0, $"feature {index} ({name}): no point; skipped"); continue; }
                    double lon = c[0].GetDouble(), lat = c[1].GetDouble();
                    if (!GeoMath.InJapan(lat, lon)) { log.Add(file, 0, $"feature {index} ({name}): point ({lat}, {lon}) outside Japan{(GeoMath.InJapan(lon, lat) ? " (lat/lon swapped?)" : "")}; skipped"); continue; }
                    var muni = municipalityAt(lat, lon) is { } at && (at.LgCode == code || at.ParentCode == code) ? at : fileMuni;
                    result.Add(Landmark(name, "shelter", muni, lat, lon));
                }
            }
            catch (JsonException e) { log.Add(file, (int)(e.LineNumber ?? 0) + 1, $"malformed or truncated JSON ({e.Message.Split('.')[0]}); file skipped"); }
        }
        // 指定緊急避難場所 and 指定避難所 list many facilities twice.
        return result.DistinctBy(l => (l.Name, l.ParentCode)).ToList();
    }

    private static GazetteerPlace Landmark(string name, string category, GazetteerPlace muni, double lat, double lon) => new()
    {
        Kind = PlaceKind.Landmark, Name = name, Category = category, Pref = muni.Pref, County = muni.County, City = muni.City,
        LgCode = muni.LgCode, ParentCode = muni.LgCode, Lat = Math.Round(lat, 6), Lon = Math.Round(lon, 6),
    };

    private static string? Str(JsonElement e, string prop) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Midpoint(JsonElement feature, out double lat, out double lon)
    {
        lat = lon = 0;
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("coordinates", out var c)) return false;
        var line = Str(g, "type") == "MultiLineString" && c.GetArrayLength() > 0 ? c[0] : c;
        int n = line.GetArrayLength();
        if (n == 0) return false;
        // The midpoint of the segment's two middle vertices.
        var a = line[(n - 1) / 2];
        var b = line[n / 2];
        if (a.GetArrayLength() < 2 || b.GetArrayLength() < 2) return false;
        lon = (a[0].GetDouble() + b[0].GetDouble()) / 2;
        lat = (a[1].GetDouble() + b[1].GetDouble()) / 2;
        return true;
    }
}
