using Dapper;
using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Geo.Corrections;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>Location corrections in the dashboard database (table of migration 9). Every
/// correction is a new row, so the history of who moved a post where is kept; the post's stored
/// location becomes the correction in the same transaction, so every later read (map reloads,
/// other operators' maps, the feed, spatial filters, exports) shows the corrected place. The
/// automatic result stays in the correction row (original level and code).</summary>
public sealed class SqliteLocationCorrectionStore(string databasePath) : ILocationCorrectionStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = 5,
    }.ToString();

    public async Task SaveAsync(LocationCorrection c, CancellationToken ct = default)
    {
        await using var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        var args = new
        {
            c.Post.Source, Id = c.Post.SourcePostId, c.Lat, c.Lon, c.Level, c.LgCode, c.Name, c.OriginalLevel, c.OriginalLgCode,
            c.Kind, c.CorrectedBy, At = c.CorrectedAt.ToUnixTimeMilliseconds(),
            Evidence = $"{c.Name}（{c.CorrectedBy}による訂正）",
        };
        await db.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO location_corrections (source, source_post_id, lat, lon, level, lg_code, name, original_level, original_lg_code, kind, corrected_by, corrected_at)
            VALUES (@Source, @Id, @Lat, @Lon, @Level, @LgCode, @Name, @OriginalLevel, @OriginalLgCode, @Kind, @CorrectedBy, @At)
            """, args, tx, cancellationToken: ct));
        // The analysis record's location is replaced whole (source "correction", confidence 1):
        // the analyst's place, not a blend with the automatic one.
        await db.ExecuteAsync(new CommandDefinition(
            """
            UPDATE posts SET lat = @Lat, lon = @Lon, location_level = @Level,
                analysis_json = json_set(analysis_json, '$.location', json_object(
                    'lat', @Lat, 'lon', @Lon, 'level', @Level, 'lg_code', @LgCode, 'confidence', 1.0, 'source', 'correction',
                    'evidence', json_array(json_object('text', @Evidence, 'start', -1, 'length', 0)), 'alternatives', json_array()))
            WHERE source = @Source AND source_post_id = @Id
            """, args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<LocationCorrection?> GetAsync(PostKey post, CancellationToken ct = default)
    {
        await using var db = new SqliteConnection(_connectionString);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT lat, lon, level, lg_code AS LgCode, name, original_level AS OriginalLevel, original_lg_code AS OriginalLgCode,
                   corrected_by AS CorrectedBy, corrected_at AS CorrectedAt
            FROM location_corrections WHERE source = @Source AND source_post_id = @Id ORDER BY id DESC LIMIT 1
            """, new { post.Source, Id = post.SourcePostId }, cancellationToken: ct));
        return row is null ? null : new LocationCorrection(post, row.Lat, row.Lon, row.Level, row.LgCode, row.Name,
            row.OriginalLevel, row.OriginalLgCode, row.CorrectedBy, DateTimeOffset.FromUnixTimeMilliseconds(row.CorrectedAt));
    }

    public async Task<IReadOnlyList<CorrectionStat>> StatisticsAsync(CancellationToken ct = default)
    {
        await using var db = new SqliteConnection(_connectionString);
        var rows = await db.QueryAsync<(string, string, long)>(new CommandDefinition(
            """
            SELECT COALESCE(original_level, 'none'), kind, COUNT(*) FROM location_corrections
            GROUP BY 1, 2 ORDER BY 3 DESC
            """, cancellationToken: ct));
        return rows.Select(r => new CorrectionStat(r.Item1, r.Item2, (int)r.Item3)).ToList();
    }

    private sealed record Row(double Lat, double Lon, string Level, string? LgCode, string Name, string? OriginalLevel,
        string? OriginalLgCode, string CorrectedBy, long CorrectedAt);
}
