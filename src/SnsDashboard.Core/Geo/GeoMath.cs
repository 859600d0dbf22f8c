namespace SnsDashboard.Core.Geo;

internal static class GeoMath
{
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        double dLat = (lat2 - lat1) * Math.PI / 180, dLon = (lon2 - lon1) * Math.PI / 180;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                   + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>Inside a generous box around Japan (including Okinotorishima, Minamitorishima and the Northern Territories).</summary>
    public static bool InJapan(double lat, double lon) =>
        double.IsFinite(lat) && double.IsFinite(lon) && lat is >= 20 and <= 46 && lon is >= 122 and <= 154;
}
