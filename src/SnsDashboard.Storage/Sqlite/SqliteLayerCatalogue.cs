using Dapper;
using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Layers;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// The layer catalogue in the dashboard's SQLite file (table <c>layers</c>, migration 5). Imports
/// are rare and small next to post ingest, so each call opens its own connection; the feature
/// collection is stored as one GeoJSON blob per version, which is exactly what the map fetches.
/// </summary>
public sealed class SqliteLayerCatalogue(SqliteStoreOptions options, TimeProvider? clock = null) : ILayerCatalogue
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    private const string Columns =
        """
        id AS Id, source_key AS SourceKey, version AS Version, is_current AS IsCurrent, title AS Title, theme AS Theme,
        source_org AS SourceOrganisation, licence AS Licence, attribution AS Attribution, collected_at AS CollectedAtMs,
        valid_at AS ValidAtMs, imported_at AS ImportedAtMs, format AS Format, file_name AS FileName,
        feature_count AS FeatureCount, min_lon AS MinLon, min_lat AS MinLat, max_lon AS MaxLon, max_lat AS MaxLat
        """;

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    public Task InitialiseAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        using var c = Open();
        var found = SqliteMigrations.GetVersion(c);
        if (found > SqliteMigrations.LatestVersion)
            throw new StoreSchemaTooNewException(options.DatabasePath, found, SqliteMigrations.LatestVersion);
        c.Execute("PRAGMA journal_mode = WAL;");
        SqliteMigrations.Apply(c, (clock ?? TimeProvider.System).GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<LayerRecord> AddAsync(ImportedLayer layer, DateTimeOffset importedAt, CancellationToken ct = default)
    {
        var p = layer.Provenance;
        var geojson = LayerGeoJson.Write(layer.Features);
        var b = layer.Bounds();
        using var c = Open();
        using var tx = c.BeginTransaction(deferred: false);
        var currentValidAt = c.Query<long?>(
            "SELECT valid_at FROM layers WHERE source_key = $k AND is_current = 1", new { k = p.SourceKey }, tx).FirstOrDefault();
        var version = 1 + c.ExecuteScalar<long>("SELECT coalesce(max(version), 0) FROM layers WHERE source_key = $k", new { k = p.SourceKey }, tx);
        // "Always use the newest version of a source": an older edition is kept as history only.
        var becomesCurrent = currentValidAt is not { } prevValid || p.ValidAt is not { } valid || valid.ToUnixTimeMilliseconds() >= prevValid;
        if (becomesCurrent)
            c.Execute("UPDATE layers SET is_current = 0 WHERE source_key = $k", new { k = p.SourceKey }, tx);
        var id = c.ExecuteScalar<long>(
            """
            INSERT INTO layers (source_key, version, is_current, title, theme, source_org, licence, attribution,
                collected_at, valid_at, imported_at, format, file_name, feature_count, min_lon, min_lat, max_lon, max_lat, geojson)
            VALUES ($k, $v, $cur, $title, $theme, $org, $lic, $attr, $col, $val, $imp, $fmt, $file, $n, $x0, $y0, $x1, $y1, $gj);
            SELECT last_insert_rowid();
            """,
            new
            {
                k = p.SourceKey, v = version, cur = becomesCurrent ? 1 : 0, title = p.Title, theme = p.Theme,
                org = p.SourceOrganisation, lic = p.Licence, attr = p.Attribution,
                col = p.CollectedAt?.ToUnixTimeMilliseconds(), val = p.ValidAt?.ToUnixTimeMilliseconds(),
                imp = importedAt.ToUnixTimeMilliseconds(), fmt = layer.Format, file = layer.FileName, n = layer.Features.Count,
                x0 = b.MinLon, y0 = b.MinLat, x1 = b.MaxLon, y1 = b.MaxLat, gj = geojson,
            }, tx);
        var record = Get(c, id, tx)!;
        tx.Commit();
        return Task.FromResult(record);
    }

    public Task<IReadOnlyList<LayerRecord>> ListAsync(bool includeHistory = false, CancellationToken ct = default)
    {
        using var c = Open();
        var rows = c.Query<Row>(
            $"SELECT {Columns} FROM layers {(includeHistory ? "" : "WHERE is_current = 1")} ORDER BY theme, title, version DESC");
        return Task.FromResult<IReadOnlyList<LayerRecord>>(rows.Select(r => r.ToRecord()).ToList());
    }

    public Task<LayerRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        using var c = Open();
        return Task.FromResult(Get(c, id, null));
    }

    public Task<byte[]?> GetGeoJsonAsync(long id, CancellationToken ct = default)
    {
        using var c = Open();
        return Task.FromResult(c.ExecuteScalar<byte[]?>("SELECT geojson FROM layers WHERE id = $id", new { id }));
    }

    public Task<bool> MakeCurrentAsync(long id, CancellationToken ct = default)
    {
        using var c = Open();
        using var tx = c.BeginTransaction(deferred: false);
        var key = c.ExecuteScalar<string?>("SELECT source_key FROM layers WHERE id = $id", new { id }, tx);
        if (key is null) return Task.FromResult(false);
        c.Execute("UPDATE layers SET is_current = (id = $id) WHERE source_key = $k", new { id, k = key }, tx);
        tx.Commit();
        return Task.FromResult(true);
    }

    private static LayerRecord? Get(SqliteConnection c, long id, SqliteTransaction? tx) =>
        c.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM layers WHERE id = $id", new { id }, tx)?.ToRecord();

    private sealed class Row
    {
        public long Id { get; set; }
        public string SourceKey { get; set; } = "";
        public long Version { get; set; }
        public long IsCurrent { get; set; }
        public string Title { get; set; } = "";
        public string Theme { get; set; } = "";
        public string SourceOrganisation { get; set; } = "";
        public string Licence { get; set; } = "";
        public string Attribution { get; set; } = "";
        public long? CollectedAtMs { get; set; }
        public long? ValidAtMs { get; set; }
        public long ImportedAtMs { get; set; }
        public string Format { get; set; } = "";
        public string FileName { get; set; } = "";
        public long FeatureCount { get; set; }
        public double MinLon { get; set; }
        public double MinLat { get; set; }
        public double MaxLon { get; set; }
        public double MaxLat { get; set; }

        public LayerRecord ToRecord() => new()
        {
            Id = Id, SourceKey = SourceKey, Version = (int)Version, IsCurrent = IsCurrent != 0, Title = Title, Theme = Theme,
            SourceOrganisation = SourceOrganisation, Licence = Licence, Attribution = Attribution,
            CollectedAt = CollectedAtMs is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
            ValidAt = ValidAtMs is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null,
            ImportedAt = DateTimeOffset.FromUnixTimeMilliseconds(ImportedAtMs), Format = Format, FileName = FileName,
            FeatureCount = (int)FeatureCount, MinLon = MinLon, MinLat = MinLat, MaxLon = MaxLon, MaxLat = MaxLat,
        };
    }
}
