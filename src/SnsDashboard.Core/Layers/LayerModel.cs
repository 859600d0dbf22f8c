namespace SnsDashboard.Core.Layers;

/// <summary>The kind of a feature's geometry. Multi-geometries are one feature with several parts.</summary>
public enum GeometryKind { Point, Line, Polygon }

/// <summary>
/// A feature geometry in WGS84/JGD2011 degrees. <c>Parts[i][j]</c> is a flat
/// <c>[lon0, lat0, lon1, lat1, …]</c> array: for points one ring of one position per part, for lines
/// one ring per part, for polygons the exterior ring then the holes. Always longitude first,
/// whatever the source file's axis order was.
/// </summary>
public sealed record LayerGeometry(GeometryKind Kind, double[][][] Parts)
{
    public static LayerGeometry Point(double lon, double lat) => new(GeometryKind.Point, [[[lon, lat]]]);

    /// <summary>The bounding box (min lon, min lat, max lon, max lat).</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds()
    {
        double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
        foreach (var part in Parts)
            foreach (var ring in part)
                for (var i = 0; i + 1 < ring.Length; i += 2)
                {
                    if (ring[i] < minLon) minLon = ring[i];
                    if (ring[i] > maxLon) maxLon = ring[i];
                    if (ring[i + 1] < minLat) minLat = ring[i + 1];
                    if (ring[i + 1] > maxLat) maxLat = ring[i + 1];
                }
        return (minLon, minLat, maxLon, maxLat);
    }
}

/// <summary>One feature of a layer: geometry plus its attributes as text (numbers in invariant form).</summary>
public sealed record LayerFeature(LayerGeometry Geometry, IReadOnlyDictionary<string, string?> Properties);

/// <summary>Theme ids after the 2011 Emergency Mapping Team's categories.</summary>
public static class LayerThemes
{
    public const string Hazard = "hazard";
    public const string Damage = "damage";
    public const string SocialAssets = "social_assets";
    public const string Response = "response";
    public const string Boundaries = "boundaries";

    public static IReadOnlyList<string> All { get; } = [Hazard, Damage, SocialAssets, Response, Boundaries];

    public static bool IsKnown(string? theme) => theme is not null && All.Contains(theme);
}

/// <summary>Who published a layer, under which terms, and when it was true.</summary>
public sealed record LayerProvenance
{
    public required string Title { get; init; }
    public required string Theme { get; init; }
    /// <summary>Identifies "the same source" across versions: a re-import with the same key
    /// becomes the newest version and the previous one is kept as history.</summary>
    public required string SourceKey { get; init; }
    public string SourceOrganisation { get; init; } = "";
    public string Licence { get; init; } = "";
    public string Attribution { get; init; } = "";
    public DateTimeOffset? CollectedAt { get; init; }
    public DateTimeOffset? ValidAt { get; init; }
}

/// <summary>A parsed, validated layer ready to be stored: all or nothing.</summary>
public sealed record ImportedLayer(
    LayerProvenance Provenance,
    string Format,
    string FileName,
    IReadOnlyList<LayerFeature> Features,
    IReadOnlyList<string> Notes)
{
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds()
    {
        double minLon = 180, minLat = 90, maxLon = -180, maxLat = -90;
        foreach (var f in Features)
        {
            var b = f.Geometry.Bounds();
            minLon = Math.Min(minLon, b.MinLon); minLat = Math.Min(minLat, b.MinLat);
            maxLon = Math.Max(maxLon, b.MaxLon); maxLat = Math.Max(maxLat, b.MaxLat);
        }
        return (minLon, minLat, maxLon, maxLat);
    }
}

/// <summary>A refused file. The message names the file and, where known, the line, feature and
/// field, in words the uploader can act on. Nothing of a refused file is stored.</summary>
public sealed class LayerImportException(string message) : Exception(message);
