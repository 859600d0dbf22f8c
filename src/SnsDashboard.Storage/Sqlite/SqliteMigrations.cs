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
        new(5, "categories and hazards as bitmask columns on posts (side tables only for names without a bit); text index detail=none",
            """
            ALTER TABLE posts ADD COLUMN category_mask INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE posts ADD COLUMN hazard_mask INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE tag_bits (
                kind  TEXT    NOT NULL,  -- 'category' | 'hazard'
                name  TEXT    NOT NULL,
                bit   INTEGER NOT NULL CHECK (bit BETWEEN 0 AND 62),
                PRIMARY KEY (kind, name),
                UNIQUE (kind, bit)
            ) WITHOUT ROWID;
            -- The stable taxonomy ids (design.md §4.2) first, in a fixed order written out here so the
            -- bits never move if the taxonomy list in code is reordered.
            INSERT INTO tag_bits (kind, name, bit) VALUES
                ('category', 'rescue_request', 0), ('category', 'casualties', 1), ('category', 'building_damage', 2),
                ('category', 'fire', 3), ('category', 'flooding', 4), ('category', 'landslide', 5),
                ('category', 'tsunami', 6), ('category', 'lifeline_power', 7), ('category', 'lifeline_water', 8),
                ('category', 'lifeline_gas', 9), ('category', 'lifeline_telecom', 10),
                ('category', 'transport_disruption', 11), ('category', 'evacuation_shelter', 12),
                ('category', 'supplies_shortage', 13), ('category', 'medical', 14), ('category', 'isolation', 15),
                ('category', 'caution_advice', 16), ('category', 'official_announcement', 17),
                ('category', 'rumor_or_denial', 18);
            INSERT INTO tag_bits (kind, name, bit) VALUES
                ('hazard', 'earthquake', 0), ('hazard', 'tsunami', 1), ('hazard', 'heavy_rain_flood', 2),
                ('hazard', 'landslide', 3), ('hazard', 'typhoon', 4), ('hazard', 'volcano', 5), ('hazard', 'snow', 6),
                ('hazard', 'fire', 7);
            -- Other names already stored get the next free bits, most frequent first; beyond bit 62
            -- they stay in the side table.
            INSERT INTO tag_bits (kind, name, bit)
            SELECT 'category', category, 18 + rn FROM (
                SELECT category, row_number() OVER (ORDER BY count(*) DESC, category) AS rn
                FROM post_categories WHERE category NOT IN (SELECT name FROM tag_bits WHERE kind = 'category') GROUP BY category)
            WHERE 18 + rn <= 62;
            UPDATE posts SET category_mask = (
                SELECT coalesce(sum(1 << b.bit), 0) FROM post_categories x JOIN tag_bits b ON b.kind = 'category' AND b.name = x.category
                WHERE x.post_rowid = posts.id)
            WHERE id IN (SELECT post_rowid FROM post_categories);
            DELETE FROM post_categories WHERE category IN (SELECT name FROM tag_bits WHERE kind = 'category');
            DROP INDEX ix_post_categories_category_created;
            -- The same for hazards.
            INSERT INTO tag_bits (kind, name, bit)
            SELECT 'hazard', hazard, 7 + rn FROM (
                SELECT hazard, row_number() OVER (ORDER BY count(*) DESC, hazard) AS rn
                FROM post_hazards WHERE hazard NOT IN (SELECT name FROM tag_bits WHERE kind = 'hazard') GROUP BY hazard)
            WHERE 7 + rn <= 62;
            UPDATE posts SET hazard_mask = (
                SELECT coalesce(sum(1 << b.bit), 0) FROM post_hazards x JOIN tag_bits b ON b.kind = 'hazard' AND b.name = x.hazard
                WHERE x.post_rowid = posts.id)
            WHERE id IN (SELECT post_rowid FROM post_hazards);
            DELETE FROM post_hazards WHERE hazard IN (SELECT name FROM tag_bits WHERE kind = 'hazard');
            DROP INDEX ix_post_hazards_hazard_created;
            -- The text index without positions: a search ANDs the trigrams of the phrase and checks the
            -- substring on posts.text. No trigger on posts: any trigger makes each upsert open a statement
            -- savepoint, and FTS5 flushes its pending terms at every savepoint (a segment per post, then
            -- merges): the writer cost 1.5 times more per post (docs/benchmarks.md).
            DROP TABLE posts_fts;
            CREATE VIRTUAL TABLE posts_fts USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'trigram', detail = none);
            INSERT INTO posts_fts (rowid, text) SELECT id, text FROM posts WHERE relevant = 1;
            """),
        new(6, "reliability: claim status log, operator marks, versioned and audited account registry, learned score models",
            """
            CREATE TABLE claim_status_log (
                id           INTEGER PRIMARY KEY,
                claim_id     TEXT    NOT NULL,
                from_status  TEXT    NOT NULL,
                to_status    TEXT    NOT NULL,
                reason       TEXT,
                at           INTEGER NOT NULL,  -- unix ms
                by_whom      TEXT    NOT NULL   -- "pipeline" or the operator
            );
            CREATE INDEX ix_claim_status_log_claim ON claim_status_log (claim_id, id);

            CREATE TABLE operator_marks (
                id            INTEGER PRIMARY KEY,
                target_kind   TEXT    NOT NULL CHECK (target_kind IN ('post', 'claim')),
                source        TEXT    NOT NULL DEFAULT '',  -- post marks: the post's source
                target        TEXT    NOT NULL,             -- source_post_id or claim id
                mark          TEXT    NOT NULL,
                operator      TEXT    NOT NULL,
                at            INTEGER NOT NULL,             -- unix ms
                note          TEXT,
                author_id     TEXT                          -- post marks: the post's author
            );
            CREATE INDEX ix_operator_marks_target ON operator_marks (target_kind, source, target, id);

            CREATE TABLE registry_accounts (
                source             TEXT    NOT NULL,
                account_id         TEXT    NOT NULL,
                name               TEXT    NOT NULL,
                kind               TEXT    NOT NULL CHECK (kind IN ('official', 'media', 'reporter')),
                sector             TEXT,
                confirmed_reports  INTEGER NOT NULL DEFAULT 0,
                refuted_reports    INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (source, account_id)
            ) WITHOUT ROWID;
            CREATE TABLE registry_versions (
                version  INTEGER PRIMARY KEY,
                at       INTEGER NOT NULL,
                by_whom  TEXT    NOT NULL,
                summary  TEXT    NOT NULL
            );
            CREATE TABLE registry_audit (
                id          INTEGER PRIMARY KEY,
                version     INTEGER NOT NULL,
                action      TEXT    NOT NULL CHECK (action IN ('add', 'update', 'delete')),
                source      TEXT    NOT NULL,
                account_id  TEXT    NOT NULL,
                before_json TEXT,
                after_json  TEXT
            );
            CREATE INDEX ix_registry_audit_version ON registry_audit (version);

            CREATE TABLE reliability_models (
                version         INTEGER PRIMARY KEY,
                trained_at      INTEGER NOT NULL,
                by_whom         TEXT    NOT NULL,
                train_count     INTEGER NOT NULL,
                held_out_count  INTEGER NOT NULL,
                brier_model     REAL,
                brier_rule      REAL,
                auc_model       REAL,
                auc_rule        REAL,
                diagram_json    TEXT    NOT NULL,
                bias            REAL    NOT NULL,
                weights         BLOB    NOT NULL,
                active          INTEGER NOT NULL DEFAULT 0
            );
            """),
        new(7, "layer catalogue: imported static layers with provenance and version history",
            """
            CREATE TABLE layers (
                id            INTEGER PRIMARY KEY,
                source_key    TEXT    NOT NULL,
                version       INTEGER NOT NULL,
                is_current    INTEGER NOT NULL,
                title         TEXT    NOT NULL,
                theme         TEXT    NOT NULL,
                source_org    TEXT    NOT NULL,
                licence       TEXT    NOT NULL,
                attribution   TEXT    NOT NULL,
                collected_at  INTEGER,           -- unix ms
                valid_at      INTEGER,           -- unix ms
                imported_at   INTEGER NOT NULL,  -- unix ms
                format        TEXT    NOT NULL,
                file_name     TEXT    NOT NULL,
                feature_count INTEGER NOT NULL,
                min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
                geojson       BLOB    NOT NULL,  -- RFC 7946 FeatureCollection, UTF-8
                UNIQUE (source_key, version)
            );
            CREATE INDEX ix_layers_current ON layers (is_current, theme);
            """),
        new(8, "versioned keyword glossary: immutable versions and the published pointer",
            """
            CREATE TABLE glossary_versions (
                version       INTEGER PRIMARY KEY,
                created_at    INTEGER NOT NULL,  -- unix ms
                author        TEXT    NOT NULL,
                comment       TEXT    NOT NULL,
                kind          TEXT    NOT NULL,  -- baseline | edit | import | rollback
                based_on      INTEGER,           -- the version the edit started from
                content_json  TEXT    NOT NULL
            );
            CREATE TABLE glossary_published (
                id            INTEGER PRIMARY KEY CHECK (id = 1),
                version       INTEGER NOT NULL REFERENCES glossary_versions (version),
                published_at  INTEGER NOT NULL
            );
            """),
        new(9, "analysts' location corrections, kept apart from the automatic result",
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
        new(10, "text index holds the folded text (TextNormaliser: width, case, kana), so search folds like the glossary",
            """
            INSERT INTO posts_fts (posts_fts) VALUES ('delete-all');
            INSERT INTO posts_fts (rowid, text) SELECT id, sns_fold(text) FROM posts WHERE relevant = 1;
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
        SearchFold.Register(connection); // migration 10 folds the indexed text
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
