using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

public sealed class SqliteRetentionTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static long Count(SqliteConnection c, string table)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Purge_removes_old_posts_with_their_side_rows_in_chunks()
    {
        var store = await _temp.OpenAsync(purgeChunk: 7);
        var posts = Enumerable.Range(0, 50)
            .Select(i => (AnalysedPost)Post($"p{i}").MinutesAfterBase(i).Text($"救助要請 番号{i}")
                .Categories("rescue", "damage").Hazards("flood").At(33 + i * 0.01, 130))
            .ToList();
        Assert.Equal(50, await store.AppendAsync(posts));

        var deleted = await store.PurgeOlderThanAsync(BaseTime.AddMinutes(30));

        Assert.Equal(30, deleted);
        var remaining = await store.QueryAsync(new PostQuery { Limit = 100 });
        Assert.Equal(20, remaining.Count);
        Assert.All(remaining, p => Assert.True(p.Post.CreatedAt >= BaseTime.AddMinutes(30)));
        Assert.Equal(20, await store.CountAsync(new PostQuery { Text = "救助要請" }));
        Assert.Equal(20, await store.CountAsync(new PostQuery { Bounds = new GeoBounds(32, 129, 35, 131) }));
        using var raw = _temp.OpenRaw();
        Assert.Equal(20, Count(raw, "posts"));
        Assert.Equal(20, Count(raw, "posts WHERE category_mask != 0 AND hazard_mask != 0"));
        Assert.Equal(20, Count(raw, "posts WHERE lat IS NOT NULL"));
        // The text index itself (not only the substring check on the row) lost the purged posts.
        Assert.Equal(20, Count(raw, "posts_fts WHERE posts_fts MATCH '\"救助要\" AND \"助要請\"'"));
        Assert.Equal(20, (await store.GetStatsAsync()).LocatedCount);
    }

    [Fact]
    public async Task Purge_with_nothing_to_delete_returns_zero()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([Post("new").MinutesAfterBase(0)]);
        Assert.Equal(0, await store.PurgeOlderThanAsync(BaseTime.AddDays(-1)));
        Assert.Equal(1, await store.CountAsync(new PostQuery()));
    }

    [Fact]
    public async Task Expired_posts_follow_the_retention_days_option()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([Post("old").At(BaseTime.AddDays(-31)), Post("recent").At(BaseTime.AddDays(-29))]);
        Assert.Equal(1, await store.PurgeExpiredAsync(BaseTime));
        Assert.Equal("recent", Assert.Single(await store.QueryAsync(new PostQuery())).Post.SourcePostId);
    }
}
