namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>Planar tests on lon/lat degrees (fine at zone scale) and great-circle distance.</summary>
public static class Geometry2D
{
    /// <summary>Even-odd ray casting over the exterior ring and holes of one polygon.</summary>
    public static bool PolygonContains(double[][] rings, double lon, double lat)
    {
        var inside = false;
        foreach (var ring in rings)
        {
            var n = ring.Length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                double xi = ring[2 * i], yi = ring[2 * i + 1], xj = ring[2 * j], yj = ring[2 * j + 1];
                if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                    inside = !inside;
            }
        }
        return inside;
    }

    private const double EarthRadiusM = 6_371_008.8;

    public static double HaversineMetres(double lat1, double lon1, double lat2, double lon2)
    {
        const double rad = Math.PI / 180;
        var dLat = (lat2 - lat1) * rad;
        var dLon = (lon2 - lon1) * rad;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Metres per degree of longitude at a latitude (for grid search radii).</summary>
    public static double MetresPerDegreeLon(double lat) => Math.PI / 180 * EarthRadiusM * Math.Cos(lat * Math.PI / 180);

    public const double MetresPerDegreeLat = Math.PI / 180 * EarthRadiusM;
}
