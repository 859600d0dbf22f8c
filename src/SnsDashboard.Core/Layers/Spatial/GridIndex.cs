namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>
/// A uniform lon/lat grid of item ids by bounding box. Simpler and, for point queries against
/// zone layers of a few prefectures, as fast as an R-tree: one dictionary lookup per query.
/// Immutable after construction; safe for concurrent readers.
/// </summary>
internal sealed class GridIndex
{
    private readonly double _cell;
    private readonly Dictionary<long, int[]> _cells;

    public GridIndex(double cellDegrees, IEnumerable<(int Id, double MinLon, double MinLat, double MaxLon, double MaxLat)> items)
    {
        _cell = cellDegrees;
        var build = new Dictionary<long, List<int>>();
        foreach (var (id, minLon, minLat, maxLon, maxLat) in items)
        {
            int x0 = Cell(minLon), x1 = Cell(maxLon), y0 = Cell(minLat), y1 = Cell(maxLat);
            for (var x = x0; x <= x1; x++)
                for (var y = y0; y <= y1; y++)
                {
                    var key = Key(x, y);
                    if (!build.TryGetValue(key, out var list)) build[key] = list = [];
                    list.Add(id);
                }
        }
        _cells = build.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    public double CellDegrees => _cell;

    public int Cell(double degrees) => (int)Math.Floor(degrees / _cell);

    public static long Key(int x, int y) => ((long)x << 32) | (uint)y;

    public ReadOnlySpan<int> At(double lon, double lat) => At(Cell(lon), Cell(lat));

    public ReadOnlySpan<int> At(int x, int y) => _cells.TryGetValue(Key(x, y), out var ids) ? ids : ReadOnlySpan<int>.Empty;
}
