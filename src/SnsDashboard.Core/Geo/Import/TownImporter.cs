using System.Text.Json;
using SnsDashboard.Core.Geo.Index;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// Geolonia japanese-addresses town files: <c>api/ja/&lt;都道府県&gt;/&lt;郡市区町村&gt;.json</c>, each an
/// array of <c>{town, koaza, lat, lng}</c>. A file is matched to its ABR municipality by name
/// (ヶ/ケ and old/new kanji folded); the old 浜松市 wards of geolonia (中区, 北区 …, gone since
/// 2024-01-01) are filed under 浜松市 and their names kept as historical aliases. A truncated or
/// malformed file is reported with its line and skipped; bad rows are reported and skipped.
/// </summary>
internal static class TownImporter
{
    public static List<GazetteerPlace> Import(string dir, List<GazetteerPlace> abr, ImportLog log, Dictionary<string, List<string>> historicalAliases)
    {
        var towns = new List<GazetteerPlace>();
        if (!Directory.Exists(dir)) { log.Add(dir, 0, "towns folder not found", fatal: true); return towns; }
        var byName = new Dictionary<string, GazetteerPlace>(StringComparer.Ordinal);
        foreach (var p in abr)
            if (p.Kind == PlaceKind.Municipality)
                byName[CompiledGazetteer.Key(p.Pref + (p.County ?? "") + p.Name)] = p;
        foreach (var prefDir in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            string pref = Path.GetFileName(prefDir);
            foreach (var file in Directory.EnumerateFiles(prefDir, "*.json").Order(StringComparer.Ordinal))
            {
                string muniName = Path.GetFileNameWithoutExtension(file);
                var muni = byName.GetValueOrDefault(CompiledGazetteer.Key(pref + muniName)) ?? OldWardCity(pref, muniName, abr);
                if (muni is null) { log.Add(file, 0, $"no ABR municipality named {pref}{muniName}; file skipped"); continue; }
                if (!CompiledGazetteer.Key(muni.Pref + (muni.County ?? "") + muni.Name).Equals(CompiledGazetteer.Key(pref + muniName), StringComparison.Ordinal))
                {
                    log.Add(file, 0, $"{pref}{muniName} no longer exists; its towns are filed under {muni.Name} ({muni.LgCode})");
                    string wardOnly = muniName;
                    if (!historicalAliases.TryGetValue(muni.LgCode!, out var list)) historicalAliases[muni.LgCode!] = list = [];
                    list.Add(wardOnly);
                }
                ReadFile(file, muni, towns, log);
            }
        }
        return towns;
    }

    /// <summary>A ward of a designated city that ABR no longer lists (浜松市中区): the city itself.</summary>
    private static GazetteerPlace? OldWardCity(string pref, string name, List<GazetteerPlace> abr) =>
        abr.FirstOrDefault(p => p.Kind == PlaceKind.Municipality && p.Pref == pref && p.ParentCode is null
            && name.Length > p.Name.Length && name.StartsWith(p.Name, StringComparison.Ordinal) && name.EndsWith('区')
            && abr.Any(w => w.ParentCode == p.LgCode));

    private static void ReadFile(string file, GazetteerPlace muni, List<GazetteerPlace> towns, ImportLog log)
    {
        var bytes = SourceText.ReadUtf8Bytes(file, log);
        if (bytes is null) return;
        var rows = new List<GazetteerPlace>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) { log.Add(file, 1, "expected a JSON array of towns; file skipped"); return; }
            int line = 1, row = 0;
            int lastPos = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                row++;
                line += bytes.AsSpan(lastPos, (int)reader.TokenStartIndex - lastPos).Count((byte)'\n');
                lastPos = (int)reader.TokenStartIndex;
                string? town = null, koaza = null; double? lat = null, lng = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string prop = reader.GetString()!;
                    reader.Read();
                    switch (prop)
                    {
                        case "town" when reader.TokenType == JsonTokenType.String: town = reader.GetString(); break;
                        case "koaza" when reader.TokenType == JsonTokenType.String: koaza = reader.GetString(); break;
                        case "lat" when reader.TokenType == JsonTokenType.Number: lat = reader.GetDouble(); break;
                        case "lng" when reader.TokenType == JsonTokenType.Number: lng = reader.GetDouble(); break;
                        default: reader.Skip(); break;
                    }
                }
                if (string.IsNullOrWhiteSpace(town) || lat is null || lng is null) { log.Add(file, line, $"town row {row} ({town}) has no town, lat or lng; skipped"); continue; }
                if (!Coordinates.Check(lat.Value, lng.Value, file, line, log)) continue;
                rows.Add(new GazetteerPlace
                {
                    Kind = PlaceKind.Town, Name = town, Town = town, Koaza = string.IsNullOrEmpty(koaza) ? null : koaza,
                    Pref = muni.Pref, County = muni.County, City = muni.City, LgCode = muni.LgCode, ParentCode = muni.LgCode,
                    Lat = lat.Value, Lon = lng.Value,
                });
            }
            if (reader.TokenType != JsonTokenType.EndArray) { log.Add(file, line, "unexpected content in the town array; file skipped"); return; }
        }
        catch (JsonException e)
        {
            log.Add(file, (int)(e.LineNumber ?? 0) + 1, $"malformed or truncated JSON ({e.Message.Split('.')[0]}); file skipped");
            return;
        }
        // One town row per name: the row without 小字 if there is one, else the first.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows.Where(r => r.Koaza is null)) if (seen.Add(r.Name)) towns.Add(r);
        foreach (var r in rows.Where(r => r.Koaza is not null))
        {
            if (seen.Add(r.Name)) towns.Add(r with { Koaza = null });
            towns.Add(r);
        }
    }
}
