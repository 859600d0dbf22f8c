namespace SnsDashboard.Core.Geo.Index;

/// <summary>Town points bucketed on a 0.05° grid for nearest-town lookups (reverse geocoding).</summary>
internal sealed class NearestTownGrid
{
    private const double Cell = 0.05;
    private readonly Dictionary<long, GazetteerPlace[]> _cells;

    public NearestTownGrid(IEnumerable<GazetteerPlace> towns) =>
        _cells = towns.GroupBy(t => CellOf(t.Lat, t.Lon)).ToDictionary(g => g.Key, g => g.ToArray());

    private static long CellOf(double lat, double lon) => (long)Math.Floor(lat / Cell) << 32 | (uint)(int)Math.Floor(lon / Cell);

    /// <summary>The nearest town within <paramref name="maxKm"/>, or null.</summary>
    public GazetteerPlace? Nearest(double lat, double lon, double maxKm, Func<GazetteerPlace, bool>? accept = null)
    {
        int cy = (int)Math.Floor(lat / Cell), cx = (int)Math.Floor(lon / Cell);
        int rings = (int)Math.Ceiling(maxKm / 4.0) + 1; // a cell is at least ~4 km wide in Japan
        GazetteerPlace? best = null;
        double bestKm = maxKm;
        for (int dy = -rings; dy <= rings; dy++)
            for (int dx = -rings; dx <= rings; dx++)
            {
                if (!_cells.TryGetValue((long)(cy + dy) << 32 | (uint)(cx + dx), out var list)) continue;
                foreach (var t in list)
                {
                    if (accept is not null && !accept(t)) continue;
                    double d = GeoMath.DistanceKm(lat, lon, t.Lat, t.Lon);
                    if (d <= bestKm) { bestKm = d; best = t; }
                }
            }
        return best;
    }
}
