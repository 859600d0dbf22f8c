using System.Globalization;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// Digital Agency Address Base Registry masters: <c>mt_pref_all.csv</c> + <c>mt_pref_pos_all.csv</c>
/// and <c>mt_city_all.csv</c> + <c>mt_city_pos_all.csv</c> (UTF-8; the position files give
/// <c>rep_lon</c> BEFORE <c>rep_lat</c>). Abolished rows (<c>ablt_date</c> set) are skipped; codes
/// with a wrong check digit, rows with missing fields and absurd or swapped points are reported.
/// </summary>
internal static class AbrImporter
{
    public static List<GazetteerPlace> Import(string dir, ImportLog log)
    {
        var places = new List<GazetteerPlace>();
        var prefPos = ReadPositions(Path.Combine(dir, "mt_pref_pos_all.csv"), log);
        var cityPos = ReadPositions(Path.Combine(dir, "mt_city_pos_all.csv"), log);

        string prefFile = Path.Combine(dir, "mt_pref_all.csv");
        foreach (var (line, row) in Csv.Read(prefFile, ["lg_code", "pref"], log, fatal: true))
        {
            if (!ValidCode(row["lg_code"], prefFile, line, log) || Abolished(row)) continue;
            if (!prefPos.TryGetValue(row["lg_code"], out var pos)) { log.Add(prefFile, line, $"no position for {row["lg_code"]} in mt_pref_pos_all.csv"); continue; }
            places.Add(new GazetteerPlace
            {
                Kind = PlaceKind.Prefecture, Name = row["pref"], Pref = row["pref"], LgCode = row["lg_code"],
                Reading = row.GetValueOrDefault("pref_kana"), Lat = pos.Lat, Lon = pos.Lon,
                Aliases = DemoGazetteer.PrefectureAliases.GetValueOrDefault(row["pref"]) is { } a ? [a] : [],
            });
        }

        string cityFile = Path.Combine(dir, "mt_city_all.csv");
        var counties = new HashSet<(string, string)>();
        var cityCodeByName = new Dictionary<(string Pref, string City), string>();
        var rows = Csv.Read(cityFile, ["lg_code", "pref", "county", "city", "ward"], log, fatal: true).ToList();
        foreach (var (line, row) in rows)
            if (row["ward"].Length == 0 && row["lg_code"].Length == 6) cityCodeByName[(row["pref"], row["city"])] = row["lg_code"];
        foreach (var (line, row) in rows)
        {
            string code = row["lg_code"];
            if (!ValidCode(code, cityFile, line, log) || Abolished(row)) continue;
            if (row["pref"].Length == 0 || row["city"].Length == 0) { log.Add(cityFile, line, "pref or city is empty"); continue; }
            if (!cityPos.TryGetValue(code, out var pos)) { log.Add(cityFile, line, $"no position for {code} in mt_city_pos_all.csv"); continue; }
            string pref = row["pref"], county = row["county"], ward = row["ward"];
            if (county.Length > 0 && counties.Add((pref, county)))
                places.Add(new GazetteerPlace { Kind = PlaceKind.County, Name = county, Pref = pref, County = county, Reading = row.GetValueOrDefault("county_kana") });
            string name = row["city"] + ward;
            places.Add(new GazetteerPlace
            {
                Kind = PlaceKind.Municipality, Name = name, City = name, Pref = pref, County = county.Length > 0 ? county : null,
                LgCode = code, Lat = pos.Lat, Lon = pos.Lon,
                Reading = (row.GetValueOrDefault("city_kana") ?? "") + (row.GetValueOrDefault("ward_kana") ?? ""),
                ParentCode = ward.Length > 0 && cityCodeByName.TryGetValue((pref, row["city"]), out var parent) ? parent : null,
            });
        }
        return places;
    }

    private static bool Abolished(Dictionary<string, string> row) => row.GetValueOrDefault("ablt_date") is { Length: > 0 };

    internal static bool ValidCode(string code, string file, int line, ImportLog log)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) { log.Add(file, line, $"lg_code '{code}' is not 6 digits"); return false; }
        if (CheckDigit(code.AsSpan(0, 5)) != code[5] - '0') { log.Add(file, line, $"lg_code '{code}' has a wrong check digit"); return false; }
        return true;
    }

    /// <summary>JIS X 0402 check digit of a 5-digit local-government code.</summary>
    internal static int CheckDigit(ReadOnlySpan<char> five)
    {
        int sum = 0;
        for (int i = 0; i < 5; i++) sum += (five[i] - '0') * (6 - i);
        return (11 - sum % 11) % 10;
    }

    private static Dictionary<string, (double Lat, double Lon)> ReadPositions(string file, ImportLog log)
    {
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var (line, row) in Csv.Read(file, ["lg_code", "rep_lon", "rep_lat"], log, fatal: true))
        {
            if (!double.TryParse(row["rep_lon"], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon)
                || !double.TryParse(row["rep_lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat))
            {
                log.Add(file, line, $"rep_lon/rep_lat '{row["rep_lon"]}', '{row["rep_lat"]}' are not numbers");
                continue;
            }
            if (!Coordinates.Check(lat, lon, file, line, log)) continue;
            result[row["lg_code"]] = (lat, lon);
        }
        return result;
    }
}

/// <summary>Coordinate checks shared by the importers: inside Japan, and not swapped.</summary>
internal static class Coordinates
{
    public static bool Check(double lat, double lon, string file, int line, ImportLog log)
    {
        if (GeoMath.InJapan(lat, lon)) return true;
        log.Add(file, line, GeoMath.InJapan(lon, lat)
            ? $"latitude {lat} and longitude {lon} look swapped (longitude must come first in this format); row skipped"
            : $"point ({lat}, {lon}) is outside Japan; row skipped");
        return false;
    }
}

/// <summary>A small CSV reader (RFC 4180 quotes) that names the file and line of every problem.</summary>
internal static class Csv
{
    public static IEnumerable<(int Line, Dictionary<string, string> Row)> Read(string file, string[] required, ImportLog log, bool fatal)
    {
        if (!File.Exists(file)) { log.Add(file, 0, "file not found", fatal); yield break; }
        var text = SourceText.ReadUtf8(file, log);
        if (text is null) { if (fatal) log.Add(file, 0, "file rejected", fatal: true); yield break; }
        var lines = text.Split('\n');
        if (lines.Length == 0) { log.Add(file, 1, "empty file", fatal); yield break; }
        var header = Split(lines[0].TrimEnd('\r'));
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0) { log.Add(file, 1, $"missing column(s): {string.Join(", ", missing)}", fatal); yield break; }
        for (int i = 1; i < lines.Length; i++)
        {
            string l = lines[i].TrimEnd('\r');
            if (l.Length == 0) continue;
            var cells = Split(l);
            if (cells.Count < header.Count)
            {
                // Trailing empty columns may be cut off; required ones may not.
                if (required.Any(r => header.IndexOf(r) >= cells.Count)) { log.Add(file, i + 1, $"row has {cells.Count} of {header.Count} columns"); continue; }
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < header.Count; c++) row[header[c]] = c < cells.Count ? cells[c] : "";
            yield return (i + 1, row);
        }
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }
}
