using Microsoft.Data.Sqlite;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// The ordered schema steps and the runner that applies the missing ones. Append new steps at
/// the end; never edit a step that has shipped.
/// </summary>
public static class SqliteMigrations
{
    public static IReadOnlyList<SqliteMigration> Steps { get; } =
    [
        new(1, "posts with side tables for categories and hazards, R*Tree of locations",
            """
            CREATE TABLE posts (
                id              INTEGER PRIMARY KEY,
                source          TEXT    NOT NULL,
                source_post_id  TEXT    NOT NULL,
                created_at      INTEGER NOT NULL,  -- unix ms
                ingested_at     INTEGER NOT NULL,  -- unix ms
                edited_at       INTEGER,           -- unix ms
                relevant        INTEGER NOT NULL,
                lat             REAL,
                lon             REAL,
                location_level  TEXT,
                top_category    TEXT,
                grade           TEXT    NOT NULL,  -- source reliability letter A-F
                credibility     INTEGER NOT NULL,  -- 1-6
                score           REAL    NOT NULL,
                text            TEXT    NOT NULL,
                post_json       TEXT    NOT NULL,
                analysis_json   TEXT    NOT NULL,
                UNIQUE (source, source_post_id)
            );
            CREATE INDEX ix_posts_created_at ON posts (created_at);

            CREATE TABLE post_categories (
                post_rowid  INTEGER NOT NULL,
                category    TEXT    NOT NULL,
                created_at  INTEGER NOT NULL,
                PRIMARY KEY (post_rowid, category)
            ) WITHOUT ROWID;
            CREATE INDEX ix_post_categories_category_created ON post_categories (category, created_at);

            CREATE TABLE post_hazards (
                post_rowid  INTEGER NOT NULL,
                hazard      TEXT    NOT NULL,
                created_at  INTEGER NOT NULL,
                PRIMARY KEY (post_rowid, hazard)
            ) WITHOUT ROWID;
            CREATE INDEX ix_post_hazards_hazard_created ON post_hazards (hazard, created_at);

            CREATE VIRTUAL TABLE post_geo USING rtree (id, min_lat, max_lat, min_lon, max_lon);
            """),
        new(2, "FTS5 trigram index of post text",
            """
            CREATE VIRTUAL TABLE posts_fts USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'trigram');
            INSERT INTO posts_fts (rowid, text) SELECT id, text FROM posts;
            """),
        new(3, "text index covers relevant posts only (unrelated posts are searched with LIKE)",
            """
            DELETE FROM posts_fts WHERE rowid IN (SELECT id FROM posts WHERE relevant = 0);
            """),
        new(4, "locations indexed by a partial B-tree on lat instead of the R*Tree (a quarter of the write cost)",
            """
            DROP TABLE post_geo;
            CREATE INDEX ix_posts_lat ON posts (lat, lon) WHERE lat IS NOT NULL;
            """),
        new(5, "analysts' location corrections, kept apart from the automatic result",
            """
            CREATE TABLE location_corrections (
                id                INTEGER PRIMARY KEY,
                source            TEXT    NOT NULL,
                source_post_id    TEXT    NOT NULL,
                lat               REAL    NOT NULL,
                lon               REAL    NOT NULL,
                level             TEXT    NOT NULL,
                lg_code           TEXT,
                name              TEXT    NOT NULL,
                original_level    TEXT,
                original_lg_code  TEXT,
                kind              TEXT    NOT NULL,
                corrected_by      TEXT    NOT NULL,
                corrected_at      INTEGER NOT NULL  -- unix ms
            );
            CREATE INDEX ix_location_corrections_post ON location_corrections (source, source_post_id, id);
            """),
    ];

    public static int LatestVersion => Steps[^1].Version;

    private const string CreateLedger =
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER PRIMARY KEY,
            applied_at  INTEGER NOT NULL,
            description TEXT    NOT NULL
        )
        """;

    /// <summary>Reads the schema version without changing the file (0 = empty database).</summary>
    public static int GetVersion(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        if (Convert.ToInt64(cmd.ExecuteScalar()) == 0) return 0;
        cmd.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(cmd.ExecuteScalar());
    }

    /// <summary>Applies the steps above the current version, up to <paramref name="targetVersion"/>
    /// (default: all). Each step runs in its own IMMEDIATE transaction that re-checks the version,
    /// so two processes opening the same file cannot apply a step twice. Returns the steps applied.</summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, DateTimeOffset now, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;
        var current = GetVersion(connection);
        if (current > LatestVersion) throw new StoreSchemaTooNewException(connection.DataSource, current, LatestVersion);

        var applied = new List<int>();
        foreach (var step in Steps)
        {
            if (step.Version <= current || step.Version > target) continue;
            using var tx = connection.BeginTransaction(deferred: false);
            using (var ledger = connection.CreateCommand())
            {
                ledger.Transaction = tx;
                ledger.CommandText = CreateLedger;
                ledger.ExecuteNonQuery();
            }
            if (GetVersionIn(connection, tx) >= step.Version) { tx.Rollback(); continue; }
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = step.Sql;
                cmd.ExecuteNonQuery();
                cmd.CommandText = "INSERT INTO schema_migrations (version, applied_at, description) VALUES ($v, $at, $d)";
                cmd.Parameters.AddWithValue("$v", step.Version);
                cmd.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
                cmd.Parameters.AddWithValue("$d", step.Description);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            applied.Add(step.Version);
        }
        return applied;
    }

    private static int GetVersionIn(SqliteConnection connection, SqliteTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(cmd.ExecuteScalar());
    }
}
