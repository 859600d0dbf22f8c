using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

public sealed class SqliteMigrationsTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static List<(long Version, string Description)> Ledger(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version, description FROM schema_migrations ORDER BY version";
        using var r = cmd.ExecuteReader();
        var rows = new List<(long, string)>();
        while (r.Read()) rows.Add((r.GetInt64(0), r.GetString(1)));
        return rows;
    }

    [Fact]
    public void Steps_are_numbered_one_to_n_in_order()
    {
        Assert.Equal(Enumerable.Range(1, SqliteMigrations.Steps.Count), SqliteMigrations.Steps.Select(s => s.Version));
        Assert.True(SqliteMigrations.LatestVersion >= 2);
    }

    [Fact]
    public async Task Initialise_is_idempotent_and_records_each_step_once()
    {
        var store = await _temp.OpenAsync();
        await store.InitialiseAsync();
        await store.DisposeAsync();
        var again = await _temp.OpenAsync();
        await again.AppendAsync([Post("1")]);

        using var raw = _temp.OpenRaw();
        Assert.Equal(SqliteMigrations.Steps.Select(s => ((long)s.Version, s.Description)), Ledger(raw));
        Assert.Empty(SqliteMigrations.Apply(raw, DateTimeOffset.UnixEpoch));
        Assert.Equal(1, await again.CountAsync(new PostQuery()));
    }

    [Fact]
    public async Task Database_created_at_version_1_is_upgraded_and_old_rows_become_searchable()
    {
        using (var raw = _temp.OpenRaw())
        {
            Assert.Equal([1], SqliteMigrations.Apply(raw, DateTimeOffset.UnixEpoch, targetVersion: 1));
            Assert.Equal(1, SqliteMigrations.GetVersion(raw));
            // A row written by a version-1 build (no FTS table yet).
            var old = Post("old").Text("古い投稿：避難所が満員です").Categories("shelter").Build();
            using var cmd = raw.CreateCommand();
            cmd.CommandText =
                """
                INSERT INTO posts (source, source_post_id, created_at, ingested_at, relevant, grade, credibility, score, text, post_json, analysis_json)
                VALUES ('replay', 'old', $t, $t, 1, 'F', 6, 0, $text, $post, $analysis)
                """;
            cmd.Parameters.AddWithValue("$t", old.Post.CreatedAt.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$text", old.Post.Text);
            cmd.Parameters.AddWithValue("$post", PostJson.Serialize(old.Post));
            cmd.Parameters.AddWithValue("$analysis", PostJson.Serialize(old.Analysis));
            cmd.ExecuteNonQuery();
        }

        var store = await _temp.OpenAsync();

        Assert.Equal(SqliteMigrations.LatestVersion, (await store.GetStatsAsync()).SchemaVersion);
        var found = Assert.Single(await store.QueryAsync(new PostQuery { Text = "避難所が満員" }));
        Assert.Equal("old", found.Post.SourcePostId);
        using var check = _temp.OpenRaw();
        Assert.Equal(SqliteMigrations.Steps.Select(s => (long)s.Version), Ledger(check).Select(l => l.Version));
    }

    /// <summary>Writes a post the way a version-4 build did: side rows per category and hazard, the text
    /// in its column and in post_json, relevant posts in the text index.</summary>
    private static void InsertAsVersion4(SqliteConnection raw, AnalysedPost item)
    {
        using var cmd = raw.CreateCommand();
        cmd.CommandText =
            """
            INSERT INTO posts (source, source_post_id, created_at, ingested_at, relevant, lat, lon, grade, credibility, score, text, post_json, analysis_json)
            VALUES ($source, $id, $t, $t, $relevant, $lat, $lon, 'F', 6, 0, $text, $post, $analysis) RETURNING id
            """;
        cmd.Parameters.AddWithValue("$source", item.Post.Source);
        cmd.Parameters.AddWithValue("$id", item.Post.SourcePostId);
        cmd.Parameters.AddWithValue("$t", item.Post.CreatedAt.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$relevant", item.Analysis.Relevant ? 1 : 0);
        cmd.Parameters.AddWithValue("$lat", (object?)item.Analysis.Location?.Lat ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$lon", (object?)item.Analysis.Location?.Lon ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$text", item.Post.Text);
        cmd.Parameters.AddWithValue("$post", PostJson.SerializeToUtf8(item.Post));
        cmd.Parameters.AddWithValue("$analysis", PostJson.SerializeToUtf8(item.Analysis));
        var id = Convert.ToInt64(cmd.ExecuteScalar());
        void Run(string sql, string? value = null)
        {
            using var side = raw.CreateCommand();
            side.CommandText = sql;
            side.Parameters.AddWithValue("$id", id);
            side.Parameters.AddWithValue("$t", item.Post.CreatedAt.ToUnixTimeMilliseconds());
            side.Parameters.AddWithValue("$v", (object?)value ?? item.Post.Text);
            side.ExecuteNonQuery();
        }
        foreach (var c in item.Analysis.Categories) Run("INSERT INTO post_categories (post_rowid, category, created_at) VALUES ($id, $v, $t)", c);
        foreach (var h in item.Analysis.Hazards) Run("INSERT INTO post_hazards (post_rowid, hazard, created_at) VALUES ($id, $v, $t)", h);
        if (item.Analysis.Relevant) Run("INSERT INTO posts_fts (rowid, text) VALUES ($id, $v)");
    }

    [Fact]
    public async Task Version_4_data_migrates_to_masks_and_the_new_text_index_with_the_same_query_results()
    {
        AnalysedPost[] posts =
        [
            Post("rescue").MinutesAfterBase(0).Text("熊本市東区で救助要請、2階に取り残されています").Categories("rescue_request", "building_damage").Hazards("earthquake").At(32.8, 130.75),
            Post("shelter").MinutesAfterBase(1).Text("避難所が満員です").Categories("shelter").Hazards("earthquake", "heavy-rain"),
            Post("flood").MinutesAfterBase(2).Text("川が氾濫して道路が冠水").Categories("flooding", "shelter").Hazards("heavy_rain_flood").At(33.2, 130.4),
            Post("drill").MinutesAfterBase(3).Text("避難訓練：救助要請の練習").Irrelevant(),
        ];
        PostQuery[] queries =
        [
            new(), new() { Categories = ["rescue_request"] }, new() { Categories = ["shelter"] },
            new() { Categories = ["shelter", "rescue_request"] }, new() { Hazards = ["earthquake"] }, new() { Hazards = ["heavy-rain"] },
            new() { Hazards = ["earthquake"], Categories = ["flooding"] }, new() { Categories = ["no-such-name"] },
            new() { Text = "救助要請" }, new() { Text = "救助要請", Relevant = true }, new() { Text = "避難所" }, new() { Text = "冠水" },
            new() { Bounds = new GeoBounds(32, 130, 34, 131), Categories = ["shelter"] },
        ];

        // The same posts written by the current code are the reference.
        var reference = await _temp.OpenAsync();
        await reference.AppendAsync(posts);
        var expected = new List<List<string>>();
        foreach (var q in queries) expected.Add((await reference.QueryAsync(q)).Select(p => p.Post.SourcePostId).ToList());
        Assert.Equal(["drill", "rescue"], expected[8]);
        Assert.Equal(["flood", "shelter"], expected[2]);

        await using var old = new TempStore();
        using (var raw = old.OpenRaw())
        {
            Assert.Equal([1, 2, 3, 4], SqliteMigrations.Apply(raw, DateTimeOffset.UnixEpoch, targetVersion: 4));
            foreach (var p in posts) InsertAsVersion4(raw, p);
        }
        var migrated = await old.OpenAsync();

        Assert.Equal(SqliteMigrations.LatestVersion, (await migrated.GetStatsAsync()).SchemaVersion);
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(expected[i], (await migrated.QueryAsync(queries[i])).Select(p => p.Post.SourcePostId).ToList());
            Assert.Equal(expected[i].Count, await migrated.CountAsync(queries[i]));
        }
        var rescue = Assert.Single(await migrated.QueryAsync(new PostQuery { Categories = ["rescue_request"] }));
        Assert.Equal(posts[0].Post.Text, rescue.Post.Text);
        Assert.Equal(posts[0].Analysis.Categories, rescue.Analysis.Categories);
        using (var raw = old.OpenRaw())
        {
            Assert.Equal(0L, Convert.ToInt64(new SqliteCommand("SELECT count(*) FROM post_categories", raw).ExecuteScalar()));
            Assert.Equal(1L << 0 | 1L << 2, Convert.ToInt64(new SqliteCommand("SELECT category_mask FROM posts WHERE source_post_id = 'rescue'", raw).ExecuteScalar()));
        }

        // Old rows are edited and purged through the new triggers without a trace in the text index.
        await migrated.AppendAsync([Post("rescue").MinutesAfterBase(0).Text("救出されました").Categories("rescue_request").Edited(BaseTime.AddHours(1))]);
        Assert.Equal(["drill"], (await migrated.QueryAsync(new PostQuery { Text = "救助要請" })).Select(p => p.Post.SourcePostId));
        Assert.Equal("rescue", Assert.Single(await migrated.QueryAsync(new PostQuery { Text = "救出され" })).Post.SourcePostId);
        Assert.Equal(4, await migrated.PurgeOlderThanAsync(BaseTime.AddDays(1)));
        using var check = old.OpenRaw();
        Assert.Equal(0L, Convert.ToInt64(new SqliteCommand("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '\"避難所\" OR \"救出さ\" OR \"道路が\"'", check).ExecuteScalar()));
    }

    [Fact]
    public async Task Database_with_a_newer_schema_is_refused_and_left_untouched()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([Post("1")]);
        await store.DisposeAsync();
        var future = SqliteMigrations.LatestVersion + 1;
        using (var raw = _temp.OpenRaw())
        {
            using var cmd = raw.CreateCommand();
            cmd.CommandText = $"INSERT INTO schema_migrations (version, applied_at, description) VALUES ({future}, 0, 'from the future')";
            cmd.ExecuteNonQuery();
        }

        var refused = new SqlitePostStore(_temp.Options());
        var e = await Assert.ThrowsAsync<StoreSchemaTooNewException>(() => refused.InitialiseAsync());
        Assert.Contains($"schema version {future}", e.Message);
        Assert.Contains($"up to {SqliteMigrations.LatestVersion}", e.Message);
        Assert.Equal(future, e.FoundVersion);
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused.QueryAsync(new PostQuery()));
        await refused.DisposeAsync();

        using var check = _temp.OpenRaw();
        Assert.Equal(future, SqliteMigrations.GetVersion(check));
        using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM posts";
        Assert.Equal(1L, count.ExecuteScalar());
    }

    [Fact]
    public async Task Data_dir_is_created()
    {
        Assert.False(Directory.Exists(_temp.Dir));
        await _temp.OpenAsync();
        Assert.True(File.Exists(_temp.DatabasePath));
    }
}
