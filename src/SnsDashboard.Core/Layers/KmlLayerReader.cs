using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace SnsDashboard.Core.Layers;

/// <summary>
/// Reads KML 2.2 placemarks (Point, LineString, Polygon, MultiGeometry; name, description and
/// ExtendedData as attributes) and KMZ archives (the root .kml entry). KMZ entries are checked
/// for path traversal, count, total size and compression ratio before anything is inflated.
/// </summary>
public static class KmlLayerReader
{
    public sealed record Result(IReadOnlyList<LayerFeature> Features, string? Name, IReadOnlyList<int> Lines);

    public static Result ReadKml(string fileName, Stream stream, LayerImportLimits limits)
    {
        var doc = SafeXml.Load(fileName, stream, limits.MaxUncompressedBytes);
        var features = new List<LayerFeature>();
        var lines = new List<int>();
        var docName = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Document")?
            .Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value.Trim();
        foreach (var pm in doc.Descendants().Where(e => e.Name.LocalName == "Placemark"))
        {
            var line = SafeXml.Line(pm);
            var geometry = ReadGeometry(fileName, pm, line);
            if (geometry is null) continue;
            var props = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var child in pm.Elements())
            {
                if (child.Name.LocalName is "name" or "description") props[child.Name.LocalName] = child.Value.Trim();
                if (child.Name.LocalName == "ExtendedData")
                    foreach (var d in child.Descendants())
                    {
                        if (d.Name.LocalName == "Data" && d.Attribute("name") is { } dn)
                            props[dn.Value] = d.Elements().FirstOrDefault(v => v.Name.LocalName == "value")?.Value;
                        else if (d.Name.LocalName == "SimpleData" && d.Attribute("name") is { } sn)
                            props[sn.Value] = d.Value;
                    }
            }
            features.Add(new LayerFeature(geometry, props));
            lines.Add(line);
        }
        return new Result(features, docName, lines);
    }

    public static Result ReadKmz(string fileName, Stream stream, LayerImportLimits limits)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e) { throw new LayerImportException($"{fileName}: not a valid KMZ (zip) archive ({e.Message})"); }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxArchiveEntries)
                throw new LayerImportException($"{fileName}: the archive has {zip.Entries.Count} entries; the limit is {limits.MaxArchiveEntries}");
            long total = 0;
            foreach (var e in zip.Entries)
            {
                var name = e.FullName.Replace('\\', '/');
                if (name.StartsWith('/') || name.Split('/').Contains("..") || (name.Length > 1 && name[1] == ':'))
                    throw new LayerImportException($"{fileName}: archive entry \"{e.FullName}\" points outside the archive (path traversal); refused");
                total += e.Length;
                if (e.CompressedLength > 0 && e.Length / e.CompressedLength > limits.MaxCompressionRatio)
                    throw new LayerImportException($"{fileName}: archive entry \"{e.FullName}\" expands {e.Length / e.CompressedLength}× (limit {limits.MaxCompressionRatio}×); looks like a zip bomb");
            }
            if (total > limits.MaxUncompressedBytes)
                throw new LayerImportException($"{fileName}: the archive expands to {total:N0} bytes; the limit is {limits.MaxUncompressedBytes:N0}");
            var kml = zip.Entries.FirstOrDefault(e => e.FullName.Equals("doc.kml", StringComparison.OrdinalIgnoreCase))
                      ?? zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".kml", StringComparison.OrdinalIgnoreCase))
                      ?? throw new LayerImportException($"{fileName}: the archive holds no .kml document");
            // The declared sizes above can lie; cap what is actually inflated as well.
            using var inflated = new BoundedReadStream(kml.Open(), limits.MaxUncompressedBytes, fileName);
            return ReadKml($"{fileName}!{kml.FullName}", inflated, limits);
        }
    }

    private static LayerGeometry? ReadGeometry(string fileName, XElement placemark, int line)
    {
        var points = new List<double[][]>();
        var lines = new List<double[][]>();
        var polygons = new List<double[][]>();
        foreach (var e in placemark.Descendants())
        {
            switch (e.Name.LocalName)
            {
                case "Point":
                    points.Add([Coordinates(fileName, e, line)]);
                    break;
                case "LineString":
                    lines.Add([Coordinates(fileName, e, line)]);
                    break;
                case "Polygon":
                    var outer = e.Elements().Where(b => b.Name.LocalName == "outerBoundaryIs").Select(b => Coordinates(fileName, b, line));
                    var inner = e.Elements().Where(b => b.Name.LocalName == "innerBoundaryIs").Select(b => Coordinates(fileName, b, line));
                    polygons.Add(outer.Concat(inner).ToArray());
                    break;
            }
        }
        var kinds = (points.Count > 0 ? 1 : 0) + (lines.Count > 0 ? 1 : 0) + (polygons.Count > 0 ? 1 : 0);
        if (kinds == 0) return null;
        if (kinds > 1) throw new LayerImportException($"{fileName}: line {line}: a placemark mixes points, lines and polygons; split it");
        if (points.Count > 0) return new LayerGeometry(GeometryKind.Point, points.ToArray());
        if (lines.Count > 0) return new LayerGeometry(GeometryKind.Line, lines.ToArray());
        return new LayerGeometry(GeometryKind.Polygon, polygons.ToArray());
    }

    /// <summary>KML "lon,lat[,alt]" tuples separated by whitespace.</summary>
    private static double[] Coordinates(string fileName, XElement container, int line)
    {
        var text = container.Descendants().FirstOrDefault(c => c.Name.LocalName == "coordinates")?.Value
                   ?? throw new LayerImportException($"{fileName}: line {line}: <{container.Name.LocalName}> without <coordinates>");
        var tuples = text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var flat = new double[tuples.Length * 2];
        for (var i = 0; i < tuples.Length; i++)
        {
            var parts = tuples[i].Split(',');
            if (parts.Length < 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out flat[2 * i])
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out flat[2 * i + 1]))
                throw new LayerImportException($"{fileName}: line {line}: coordinate \"{Truncate(tuples[i])}\" is not \"longitude,latitude[,altitude]\"");
        }
        return flat;
    }

    internal static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>A read-only stream that refuses to yield more than a fixed number of bytes.</summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string fileName) : Stream
{
    private long _read;
    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        _read += n;
        if (_read > limit) throw new LayerImportException($"{fileName}: content expands beyond {limit:N0} bytes; refused");
        return n;
    }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
}
