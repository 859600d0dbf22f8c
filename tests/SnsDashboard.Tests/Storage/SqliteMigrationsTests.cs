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
