namespace SnsDashboard.Core.Geo.Index;

/// <summary>Town points bucketed on a 0.01° grid (about 1 km) for nearest-town lookups; the search
/// widens ring by ring and stops once no closer cell can exist.</summary>
internal sealed class NearestTownGrid
{
    private const double Cell = 0.01;
    private const double MinCellKm = 0.75; // 0.01° of longitude at 47°N
    private readonly Dictionary<long, GazetteerPlace[]> _cells;

    public NearestTownGrid(IEnumerable<GazetteerPlace> towns) =>
        _cells = towns.GroupBy(t => Key((int)Math.Floor(t.Lat / Cell), (int)Math.Floor(t.Lon / Cell))).ToDictionary(g => g.Key, g => g.ToArray());

    private static long Key(int y, int x) => (long)y << 32 | (uint)x;

    /// <summary>The nearest town within <paramref name="maxKm"/> that <paramref name="accept"/> allows, or null.</summary>
    public GazetteerPlace? Nearest(double lat, double lon, double maxKm, Func<GazetteerPlace, bool>? accept = null)
    {
        int cy = (int)Math.Floor(lat / Cell), cx = (int)Math.Floor(lon / Cell);
        int maxRing = (int)Math.Ceiling(maxKm / MinCellKm) + 1;
        GazetteerPlace? best = null;
        double bestKm = maxKm;
        for (int r = 0; r <= maxRing; r++)
        {
            if (best is not null && (r - 1) * MinCellKm > bestKm) break;
            for (int dy = -r; dy <= r; dy++)
                for (int dx = -r; dx <= r; dx++)
                {
                    if (Math.Max(Math.Abs(dy), Math.Abs(dx)) != r) continue;
                    if (!_cells.TryGetValue(Key(cy + dy, cx + dx), out var list)) continue;
                    foreach (var t in list)
                    {
                        double d = GeoMath.DistanceKm(lat, lon, t.Lat, t.Lon);
                        if (d <= bestKm && (accept is null || accept(t))) { bestKm = d; best = t; }
                    }
                }
        }
        return best;
    }
}
