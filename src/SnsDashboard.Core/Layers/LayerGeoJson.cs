using System.Text.Json;

namespace SnsDashboard.Core.Layers;

/// <summary>Writes layer features as an RFC 7946 FeatureCollection (longitude first, property
/// values as strings), the one format layers are stored and served in.</summary>
public static class LayerGeoJson
{
    public static byte[] Write(IReadOnlyList<LayerFeature> features)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var f in features)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WritePropertyName("geometry");
                WriteGeometry(w, f.Geometry);
                w.WriteStartObject("properties");
                foreach (var (k, v) in f.Properties) w.WriteString(k, v);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static void WriteGeometry(Utf8JsonWriter w, LayerGeometry g)
    {
        var multi = g.Parts.Length > 1;
        w.WriteStartObject();
        w.WriteString("type", (g.Kind, multi) switch
        {
            (GeometryKind.Point, false) => "Point",
            (GeometryKind.Point, true) => "MultiPoint",
            (GeometryKind.Line, false) => "LineString",
            (GeometryKind.Line, true) => "MultiLineString",
            (GeometryKind.Polygon, false) => "Polygon",
            _ => "MultiPolygon",
        });
        w.WritePropertyName("coordinates");
        switch (g.Kind, multi)
        {
            case (GeometryKind.Point, false): WritePosition(w, g.Parts[0][0], 0); break;
            case (GeometryKind.Point, true): WriteArray(w, g.Parts, p => WritePosition(w, p[0], 0)); break;
            case (GeometryKind.Line, false): WritePositions(w, g.Parts[0][0]); break;
            case (GeometryKind.Line, true): WriteArray(w, g.Parts, p => WritePositions(w, p[0])); break;
            case (GeometryKind.Polygon, false): WriteArray(w, g.Parts[0], r => WritePositions(w, r)); break;
            default: WriteArray(w, g.Parts, p => WriteArray(w, p, r => WritePositions(w, r))); break;
        }
        w.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter w, T[] items, Action<T> write)
    {
        w.WriteStartArray();
        foreach (var item in items) write(item);
        w.WriteEndArray();
    }

    private static void WritePositions(Utf8JsonWriter w, double[] ring)
    {
        w.WriteStartArray();
        for (var i = 0; i + 1 < ring.Length; i += 2) WritePosition(w, ring, i);
        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, double[] ring, int i)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Math.Round(ring[i], 7));
        w.WriteNumberValue(Math.Round(ring[i + 1], 7));
        w.WriteEndArray();
    }
}
