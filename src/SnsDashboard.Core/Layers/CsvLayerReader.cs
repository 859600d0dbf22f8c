using System.Globalization;
using System.Text;

namespace SnsDashboard.Core.Layers;

/// <summary>
/// Reads a CSV of points with latitude/longitude columns. The encoding is detected: UTF-8 (with
/// or without BOM) when the bytes decode strictly as UTF-8, otherwise Shift_JIS (CP932), the
/// usual encoding of Japanese municipal open data. Columns are found by name (緯度/経度,
/// lat/lon, …) unless the uploader maps them explicitly.
/// </summary>
public static class CsvLayerReader
{
    private static readonly string[] LatNames = ["lat", "latitude", "緯度", "y", "ido"];
    private static readonly string[] LonNames = ["lon", "lng", "long", "longitude", "経度", "x", "keido"];

    public sealed record Result(IReadOnlyList<LayerFeature> Features, string Encoding, string LatColumn, string LonColumn, IReadOnlyList<string> Header);

    static CsvLayerReader() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (System.Text.Encoding.GetEncoding(932).GetString(bytes), "Shift_JIS");
        }
    }

    /// <summary>The header row only (for a column-mapping UI).</summary>
    public static IReadOnlyList<string> ReadHeader(ReadOnlySpan<byte> bytes)
    {
        var (text, _) = Decode(bytes);
        using var reader = new StringReader(text);
        return ParseRecord(reader, out _) ?? [];
    }

    public static Result Read(string fileName, ReadOnlySpan<byte> bytes, string? latColumn = null, string? lonColumn = null)
    {
        var (text, encoding) = Decode(bytes);
        using var reader = new StringReader(text);
        var header = ParseRecord(reader, out _) ?? throw new LayerImportException($"{fileName}: the file is empty");
        header = header.Select(h => h.Trim()).ToList();
        var lat = FindColumn(fileName, header, latColumn, LatNames, "latitude", "緯度");
        var lon = FindColumn(fileName, header, lonColumn, LonNames, "longitude", "経度");

        var features = new List<LayerFeature>();
        var line = 1;
        while (true)
        {
            var record = ParseRecord(reader, out var linesUsed);
            line += linesUsed;
            if (record is null) break;
            if (record.Count == 1 && record[0].Length == 0) continue; // blank line
            if (record.Count != header.Count)
                throw new LayerImportException($"{fileName}: line {line}: {record.Count} fields, the header has {header.Count}");
            var latV = ParseCoordinate(fileName, line, header[lat], record[lat]);
            var lonV = ParseCoordinate(fileName, line, header[lon], record[lon]);
            if (latV is < -90 or > 90 || lonV is < -180 or > 180)
                throw new LayerImportException(
                    $"{fileName}: line {line}: {header[lat]}={record[lat]}, {header[lon]}={record[lon]} is out of range" +
                    (lonV is >= -90 and <= 90 && latV is >= -180 and <= 180 ? " — the latitude and longitude columns look swapped" : ""));
            var props = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
                if (i != lat && i != lon) props[header[i]] = record[i];
            features.Add(new LayerFeature(LayerGeometry.Point(lonV, latV), props));
        }
        return new Result(features, encoding, header[lat], header[lon], header);
    }

    private static int FindColumn(string fileName, List<string> header, string? mapped, string[] names, string what, string ja)
    {
        if (!string.IsNullOrWhiteSpace(mapped))
        {
            var m = header.FindIndex(h => h == mapped.Trim());
            return m >= 0 ? m : throw new LayerImportException($"{fileName}: the {what} column \"{mapped}\" is not in the header ({string.Join(", ", header)})");
        }
        var i = header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
        if (i < 0) i = header.FindIndex(h => h.Contains(ja, StringComparison.Ordinal));
        return i >= 0 ? i : throw new LayerImportException(
            $"{fileName}: no {what} column ({ja}) found in the header ({string.Join(", ", header)}); name the columns lat/lon or 緯度/経度, or map them explicitly");
    }

    private static double ParseCoordinate(string fileName, int line, string column, string value)
    {
        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        throw new LayerImportException($"{fileName}: line {line}: {column} \"{KmlLayerReader.Truncate(value)}\" is not a number");
    }

    /// <summary>One RFC 4180 record (quoted fields may span lines); null at the end of input.</summary>
    private static List<string>? ParseRecord(TextReader reader, out int lines)
    {
        lines = 0;
        if (reader.Peek() < 0) return null;
        lines = 1;
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0) { fields.Add(sb.ToString()); return fields; }
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); sb.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') lines++;
                    sb.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when sb.Length == 0: quoted = true; break;
                case ',': fields.Add(sb.ToString()); sb.Clear(); break;
                case '\r': break;
                case '\n': fields.Add(sb.ToString()); return fields;
                default: sb.Append(ch); break;
            }
        }
    }
}
