using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using SnsDashboard.Core.Layers;

namespace SnsDashboard.Benchmarks.Maps;

/// <summary>
/// Regenerates the map's built-in offline base (src/SnsDashboard.Web/Maps/BuiltIn/prefectures.geojson)
/// from MLIT 国土数値情報 N03 prefecture polygons: each prefecture simplified with
/// NetTopologySuite (topology-preserving, so islands and holes stay valid), slivers below the
/// tolerance dropped, coordinates rounded to 4 decimals (≈ 10 m, far below the simplification).
/// Run: `SnsDashboard.Benchmarks fallback-outlines [n03-prefectures.json] [out] [tolerance-degrees]`.
/// </summary>
public static class PrefectureOutlineBuilder
{
    public const double DefaultTolerance = 0.005;

    public static void Run(string[] args)
    {
        var input = args.Length > 0 ? args[0] : SnsDashboard.TestData.SharedOpenData.File("boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0010/prefectures.json");
        var output = args.Length > 1 ? args[1] : Path.Combine(SnsDashboard.Core.Configuration.ConfigPaths.Root, "src", "SnsDashboard.Web", "Maps", "BuiltIn", "prefectures.geojson");
        var tolerance = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : DefaultTolerance;
        var source = GeoJsonLayerReader.Read(Path.GetFileName(input), File.ReadAllBytes(input)).Features;
        var outlines = Build(source, tolerance);
        var bytes = LayerGeoJson.Write(outlines);
        File.WriteAllBytes(output, bytes);
        Console.WriteLine($"{outlines.Count} prefectures, {outlines.Sum(f => f.Geometry.Parts.Sum(p => p.Sum(r => r.Length / 2))):N0} positions, {bytes.Length:N0} bytes -> {output}");
    }

    public static List<LayerFeature> Build(IReadOnlyList<LayerFeature> n03Prefectures, double tolerance)
    {
        var factory = new GeometryFactory();
        var result = new List<LayerFeature>();
        foreach (var f in n03Prefectures)
        {
            var name = f.Properties.GetValueOrDefault("N03_001") ?? throw new InvalidDataException("N03 feature without N03_001");
            var polygons = f.Geometry.Parts.Select(part => factory.CreatePolygon(
                Ring(factory, part[0]), part.Skip(1).Select(r => Ring(factory, r)).ToArray())).ToArray();
            var simplified = TopologyPreservingSimplifier.Simplify(factory.CreateMultiPolygon(polygons), tolerance);
            var parts = new List<double[][]>();
            for (var i = 0; i < simplified.NumGeometries; i++)
            {
                var p = (Polygon)simplified.GetGeometryN(i);
                // Islands smaller than the tolerance would be a dot at the zooms this base is for.
                if (p.IsEmpty || p.Area < tolerance * tolerance) continue;
                parts.Add([Flat(p.ExteriorRing), .. p.InteriorRings.Where(h => h.Coordinates.Length >= 4).Select(Flat)]);
            }
            if (parts.Count == 0) throw new InvalidDataException($"{name}: nothing left after simplification");
            result.Add(new LayerFeature(new LayerGeometry(GeometryKind.Polygon, parts.ToArray()),
                new Dictionary<string, string?> { ["name"] = name, ["kind"] = "prefecture" }));
        }
        return result;
    }

    private static LinearRing Ring(GeometryFactory factory, double[] flat)
    {
        var coords = new Coordinate[flat.Length / 2];
        for (var i = 0; i < coords.Length; i++) coords[i] = new Coordinate(flat[2 * i], flat[2 * i + 1]);
        if (!coords[0].Equals2D(coords[^1])) coords = [.. coords, coords[0]];
        return factory.CreateLinearRing(coords);
    }

    private static double[] Flat(LineString ring)
    {
        var c = ring.Coordinates;
        var flat = new double[c.Length * 2];
        for (var i = 0; i < c.Length; i++)
        {
            flat[2 * i] = Math.Round(c[i].X, 4);
            flat[2 * i + 1] = Math.Round(c[i].Y, 4);
        }
        return flat;
    }
}
