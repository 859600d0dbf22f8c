namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>
/// A polygon (exterior ring plus holes) prepared for fast point-in-polygon tests: its edges are
/// bucketed into horizontal latitude bands, so a test only crosses the edges of the point's band
/// instead of every vertex of a detailed municipal boundary. Same even-odd rule as
/// <see cref="Geometry2D.PolygonContains"/>.
/// </summary>
internal sealed class PreparedPolygon
{
    private readonly double _minLat, _maxLat, _minLon, _maxLon, _bandHeight;
    private readonly int _bandCount;
    private readonly double[][] _bands; // per band: x1, y1, x2, y2 of each edge overlapping it

    public PreparedPolygon(double[][] rings)
    {
        _minLat = double.MaxValue; _maxLat = double.MinValue; _minLon = double.MaxValue; _maxLon = double.MinValue;
        var edges = 0;
        foreach (var ring in rings)
        {
            edges += ring.Length / 2;
            for (var i = 0; i + 1 < ring.Length; i += 2)
            {
                _minLon = Math.Min(_minLon, ring[i]); _maxLon = Math.Max(_maxLon, ring[i]);
                _minLat = Math.Min(_minLat, ring[i + 1]); _maxLat = Math.Max(_maxLat, ring[i + 1]);
            }
        }
        var bandCount = _bandCount = Math.Clamp(edges / 4, 1, 512);
        _bandHeight = Math.Max((_maxLat - _minLat) / bandCount, 1e-12);
        var lists = new List<double>[bandCount];
        for (var b = 0; b < bandCount; b++) lists[b] = [];
        foreach (var ring in rings)
        {
            var n = ring.Length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                double x1 = ring[2 * i], y1 = ring[2 * i + 1], x2 = ring[2 * j], y2 = ring[2 * j + 1];
                if (y1 == y2) continue; // horizontal edges never cross a horizontal ray
                int b0 = Band(Math.Min(y1, y2)), b1 = Band(Math.Max(y1, y2));
                for (var b = b0; b <= b1; b++) lists[b].AddRange([x1, y1, x2, y2]);
            }
        }
        _bands = lists.Select(l => l.ToArray()).ToArray();
    }

    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds => (_minLon, _minLat, _maxLon, _maxLat);

    private int Band(double lat) => Math.Clamp((int)((lat - _minLat) / _bandHeight), 0, _bandCount - 1);

    public bool Contains(double lon, double lat)
    {
        if (lat < _minLat || lat > _maxLat || lon < _minLon || lon > _maxLon) return false;
        var e = _bands[Band(lat)];
        var inside = false;
        for (var k = 0; k < e.Length; k += 4)
        {
            double xi = e[k], yi = e[k + 1], xj = e[k + 2], yj = e[k + 3];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                inside = !inside;
        }
        return inside;
    }
}
