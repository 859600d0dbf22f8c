namespace SnsDashboard.Core.Layers;

/// <summary>
/// Geometry checks every imported layer passes before it is stored: coordinates finite and in
/// range, axis order plausible (Japanese latitudes/longitudes swapped always leave the latitude range), rings closed and long enough, size within the limits. The first
/// problem refuses the whole file (a layer with silently dropped zones would mislead operators).
/// </summary>
public static class LayerValidator
{
    public static void Validate(string fileName, IReadOnlyList<LayerFeature> features, LayerImportLimits limits,
        Func<int, string>? describe = null)
    {
        describe ??= i => $"feature {i + 1}";
        if (features.Count == 0)
            throw new LayerImportException($"{fileName}: the layer is empty (no features with a geometry)");
        if (features.Count > limits.MaxFeatures)
            throw new LayerImportException($"{fileName}: {features.Count:N0} features; the limit is {limits.MaxFeatures:N0} (Layers:Limits:MaxFeatures)");

        long positions = 0;
        for (var i = 0; i < features.Count; i++)
        {
            var g = features[i].Geometry;
            if (g.Parts.Length == 0)
                throw new LayerImportException($"{fileName}: {describe(i)}: geometry has no coordinates");
            foreach (var part in g.Parts)
            {
                if (part.Length == 0) throw new LayerImportException($"{fileName}: {describe(i)}: empty geometry part");
                for (var r = 0; r < part.Length; r++)
                {
                    var ring = part[r];
                    var n = ring.Length / 2;
                    positions += n;
                    CheckRingShape(fileName, describe(i), g.Kind, ring, n);
                    for (var k = 0; k + 1 < ring.Length; k += 2)
                    {
                        double lon = ring[k], lat = ring[k + 1];
                        if (!double.IsFinite(lon) || !double.IsFinite(lat))
                            throw new LayerImportException($"{fileName}: {describe(i)}: coordinate is not a number");
                        if (lat is < -90 or > 90 || lon is < -180 or > 180)
                        {
                            var hint = lon is >= -90 and <= 90 && lat is >= -180 and <= 180
                                ? " — latitude and longitude look swapped (the file must give longitude first)" : "";
                            throw new LayerImportException(
                                $"{fileName}: {describe(i)}: coordinate (lon {lon}, lat {lat}) is out of range{hint}");
                        }
                    }
                }
            }
            if (positions > limits.MaxPositions)
                throw new LayerImportException($"{fileName}: more than {limits.MaxPositions:N0} coordinates (Layers:Limits:MaxPositions)");
        }
    }

    private static void CheckRingShape(string fileName, string what, GeometryKind kind, double[] ring, int n)
    {
        if (ring.Length % 2 != 0)
            throw new LayerImportException($"{fileName}: {what}: odd number of coordinate values");
        switch (kind)
        {
            case GeometryKind.Point when n != 1:
                throw new LayerImportException($"{fileName}: {what}: a point needs exactly one position");
            case GeometryKind.Line when n < 2:
                throw new LayerImportException($"{fileName}: {what}: a line needs at least 2 positions");
            case GeometryKind.Polygon when n < 4:
                throw new LayerImportException($"{fileName}: {what}: a polygon ring needs at least 4 positions (closed)");
            case GeometryKind.Polygon when ring[0] != ring[^2] || ring[1] != ring[^1]:
                throw new LayerImportException($"{fileName}: {what}: polygon ring is not closed (first and last position differ)");
        }
    }
}
