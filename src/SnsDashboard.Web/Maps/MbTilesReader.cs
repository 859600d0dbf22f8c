using Microsoft.Data.Sqlite;

namespace SnsDashboard.Web.Maps;

/// <summary>
/// Reads raster tiles from an MBTiles file (SQLite: tiles(zoom_level, tile_column, tile_row,
/// tile_data) with TMS rows, flipped here to the XYZ scheme Leaflet requests). Read-only.
/// </summary>
public sealed class MbTilesReader
{
    private readonly string? _connectionString;
    private readonly Lazy<(string ContentType, string? Attribution, int MaxZoom)> _metadata;

    public MbTilesReader(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path) && File.Exists(path))
            _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        _metadata = new(ReadMetadata);
    }

    public bool Available => _connectionString is not null;
    public string ContentType => _metadata.Value.ContentType;
    public string? Attribution => _metadata.Value.Attribution;
    public int MaxZoom => _metadata.Value.MaxZoom;

    public byte[]? GetTile(int z, int x, int y)
    {
        if (_connectionString is null || z is < 0 or > 24) return null;
        long max = 1L << z;
        if (x < 0 || y < 0 || x >= max || y >= max) return null;
        using var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT tile_data FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $y";
        cmd.Parameters.AddWithValue("$z", z);
        cmd.Parameters.AddWithValue("$x", x);
        cmd.Parameters.AddWithValue("$y", max - 1 - y);
        return cmd.ExecuteScalar() as byte[];
    }

    private (string, string?, int) ReadMetadata()
    {
        if (_connectionString is null) return ("image/png", null, 18);
        using var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, value FROM metadata";
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var r = cmd.ExecuteReader())
            while (r.Read()) meta[r.GetString(0)] = r.IsDBNull(1) ? "" : r.GetString(1);
        var type = meta.GetValueOrDefault("format") switch
        {
            "jpg" or "jpeg" => "image/jpeg",
            "webp" => "image/webp",
            _ => "image/png",
        };
        cmd.CommandText = "SELECT max(zoom_level) FROM tiles";
        var maxZoom = cmd.ExecuteScalar() is long z ? (int)z : 18;
        return (type, meta.GetValueOrDefault("attribution"), maxZoom);
    }
}
