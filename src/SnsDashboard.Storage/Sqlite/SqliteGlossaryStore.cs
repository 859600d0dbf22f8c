using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Glossary;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// Glossary versions in the dashboard's SQLite file (tables of migration 5). The post store must
/// have initialised the file first. Versions are few and small (≈100 KB of JSON each), so every
/// call opens its own connection; adding a version and moving the published pointer is one
/// IMMEDIATE transaction.
/// </summary>
public sealed class SqliteGlossaryStore(SqliteStoreOptions options, TimeProvider? clock = null) : IGlossaryStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    private const string InfoColumns = "v.version, v.created_at, v.author, v.comment, v.kind, v.based_on, (p.version IS NOT NULL)";

    public Task<IReadOnlyList<GlossaryVersionInfo>> ListAsync(CancellationToken ct = default)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {InfoColumns} FROM glossary_versions v LEFT JOIN glossary_published p ON p.version = v.version ORDER BY v.version DESC";
        using var r = cmd.ExecuteReader();
        var list = new List<GlossaryVersionInfo>();
        while (r.Read()) list.Add(ReadInfo(r));
        return Task.FromResult<IReadOnlyList<GlossaryVersionInfo>>(list);
    }

    public Task<(GlossaryVersionInfo Info, GlossaryContent Content)?> GetAsync(int version, CancellationToken ct = default) =>
        Task.FromResult(Get("v.version = $v", version));

    public Task<(GlossaryVersionInfo Info, GlossaryContent Content)?> GetPublishedAsync(CancellationToken ct = default) =>
        Task.FromResult(Get("v.version = (SELECT version FROM glossary_published WHERE id = 1)", null));

    public Task<int?> GetPublishedVersionAsync(CancellationToken ct = default)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM glossary_published WHERE id = 1";
        return Task.FromResult(cmd.ExecuteScalar() is long v ? (int?)checked((int)v) : null);
    }

    public Task<GlossaryVersionInfo> AddPublishedAsync(GlossaryContent content, string author, string comment, string kind, int? basedOn,
        CancellationToken ct = default) => Task.FromResult(Add(content, author, comment, kind, basedOn, publish: true));

    public Task<GlossaryVersionInfo> AddDraftAsync(GlossaryContent content, string author, string comment, string kind, int? basedOn,
        CancellationToken ct = default) => Task.FromResult(Add(content, author, comment, kind, basedOn, publish: false));

    private GlossaryVersionInfo Add(GlossaryContent content, string author, string comment, string kind, int? basedOn, bool publish)
    {
        using var c = Open();
        using var tx = c.BeginTransaction(deferred: false);
        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO glossary_versions (created_at, author, comment, kind, based_on, content_json)
            VALUES ($at, $author, $comment, $kind, $based, $json) RETURNING version
            """;
        insert.Parameters.AddWithValue("$at", now);
        insert.Parameters.AddWithValue("$author", author);
        insert.Parameters.AddWithValue("$comment", comment);
        insert.Parameters.AddWithValue("$kind", kind);
        insert.Parameters.AddWithValue("$based", (object?)basedOn ?? DBNull.Value);
        insert.Parameters.AddWithValue("$json", GlossaryFiles.ToJson(content));
        int version = Convert.ToInt32(insert.ExecuteScalar());
        if (publish)
        {
            using var pointer = c.CreateCommand();
            pointer.Transaction = tx;
            pointer.CommandText = """
                INSERT INTO glossary_published (id, version, published_at) VALUES (1, $v, $at)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at
                """;
            pointer.Parameters.AddWithValue("$v", version);
            pointer.Parameters.AddWithValue("$at", now);
            pointer.ExecuteNonQuery();
        }
        tx.Commit();
        return new GlossaryVersionInfo(version, DateTimeOffset.FromUnixTimeMilliseconds(now), author, comment, kind, basedOn, publish);
    }

    /// <summary>
    /// Per (term, category, standing post mark): how many posts created in [from, to) the term
    /// matched (from the stored analysis' matches). The standing mark of a post is its latest by time
    /// (then id), as everywhere else; unmarked posts come with a null mark. A post that matched a
    /// term twice counts once.
    /// </summary>
    public Task<IReadOnlyList<TermMarkCount>> TermMarkCountsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            WITH hits AS (
                SELECT DISTINCT p.source, p.source_post_id,
                       json_extract(j.value, '$.term') AS term, json_extract(j.value, '$.category') AS category
                FROM posts p, json_each(p.analysis_json, '$.matches') j
                WHERE p.created_at >= $from AND p.created_at < $to
            ),
            standing AS (
                SELECT m.source, m.target, m.mark FROM operator_marks m
                WHERE m.target_kind = 'post' AND m.id = (
                    SELECT id FROM operator_marks WHERE target_kind = 'post' AND source = m.source AND target = m.target
                    ORDER BY at DESC, id DESC LIMIT 1)
            )
            SELECT h.term, h.category, s.mark, count(*) FROM hits h
            LEFT JOIN standing s ON s.source = h.source AND s.target = h.source_post_id
            WHERE h.term IS NOT NULL
            GROUP BY h.term, h.category, s.mark
            """;
        cmd.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        using var r = cmd.ExecuteReader();
        var rows = new List<TermMarkCount>();
        while (r.Read())
            rows.Add(new TermMarkCount(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3)));
        return Task.FromResult<IReadOnlyList<TermMarkCount>>(rows);
    }

    private (GlossaryVersionInfo, GlossaryContent)? Get(string where, int? version)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {InfoColumns}, v.content_json FROM glossary_versions v LEFT JOIN glossary_published p ON p.version = v.version WHERE {where}";
        if (version is { } v) cmd.Parameters.AddWithValue("$v", v);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var info = ReadInfo(r);
        var issues = new List<GlossaryIssue>();
        var content = GlossaryFiles.FromJson(r.GetString(7), $"version {info.Version}", issues)
            ?? throw new InvalidDataException(string.Join("; ", issues));
        return (info, content with { Version = $"v{info.Version}" });
    }

    private static GlossaryVersionInfo ReadInfo(SqliteDataReader r) => new(
        r.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetInt32(5), r.GetBoolean(6));

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }
}
