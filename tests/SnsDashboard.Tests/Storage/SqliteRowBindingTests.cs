using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

/// <summary>
/// The write path binds the posts row through SQLite's own API by position (RawStatement), not
/// through Microsoft.Data.Sqlite parameters. The row must hold exactly what the provider stored:
/// the same values with the same storage classes (TEXT, INTEGER, REAL, BLOB, NULL), "" as an empty
/// TEXT (never NULL), and texts longer than the reused UTF-8 buffer intact.
/// </summary>
public sealed class SqliteRowBindingTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private SqlitePostStore _store = null!;

    public async Task InitializeAsync() => _store = await _temp.OpenAsync();
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Every_column_keeps_the_storage_class_the_provider_bound()
    {
        await _store.AppendAsync([
            Post("located").Text("益城町で救助要請").Categories("rescue_request").Hazards("earthquake")
                .At(32.79, 130.81).Grade("B", 2, 0.75).Edited(BaseTime.AddMinutes(1)).Build(),
            Post("bare").Text("今日のランチ").Irrelevant().Build(),
        ]);

        using var c = _temp.OpenRaw();
        Assert.Equal(
            "text|text|integer|integer|integer|integer|real|real|text|text|text|integer|real|text|blob|blob|integer|integer",
            Types(c, "located"));
        Assert.Equal(
            "text|text|integer|integer|null|integer|null|null|null|null|text|integer|real|text|blob|blob|integer|integer",
            Types(c, "bare"));
        Assert.Equal("1|32.79|130.81|town|rescue_request|B|2|0.75|1", Scalar(c,
            "SELECT relevant || '|' || lat || '|' || lon || '|' || location_level || '|' || top_category || '|' || grade || '|' || credibility || '|' || score || '|' || category_mask FROM posts WHERE source_post_id = 'located'"));
        Assert.Equal(BaseTime.AddMinutes(1).ToUnixTimeMilliseconds().ToString(), Scalar(c, "SELECT edited_at FROM posts WHERE source_post_id = 'located'"));
        Assert.Equal(BaseTime.AddSeconds(5).ToUnixTimeMilliseconds().ToString(), Scalar(c, "SELECT ingested_at FROM posts WHERE source_post_id = 'bare'"));
    }

    [Fact]
    public async Task An_empty_text_is_stored_as_empty_text_not_null()
    {
        // An empty span would hand SQLite a null pointer, i.e. NULL, which posts.text refuses.
        Assert.Equal(1, await _store.AppendAsync([Post("media-only").Text("").Build()]));

        using var c = _temp.OpenRaw();
        Assert.Equal("text:0", Scalar(c, "SELECT typeof(text) || ':' || length(text) FROM posts WHERE source_post_id = 'media-only'"));
        Assert.Equal("", Assert.Single(await _store.QueryAsync(new PostQuery())).Post.Text);
    }

    [Fact]
    public async Task Texts_longer_than_the_reused_buffer_round_trip_and_are_searchable()
    {
        // 6,000 characters of mostly 3-byte UTF-8 (18 KB): the bind buffer grows; a short post after it reuses it.
        string longText = string.Concat(Enumerable.Repeat("熊本市東区健軍で家屋倒壊、救助を求む。", 300)) + "末尾マーカー";
        await _store.AppendAsync([Post("long").Text(longText).Build(), Post("short").Text("短い投稿").Build()]);

        var back = (await _store.QueryAsync(new PostQuery { Limit = 10 })).ToDictionary(p => p.Post.SourcePostId, p => p.Post.Text);
        Assert.Equal(longText, back["long"]);
        Assert.Equal("短い投稿", back["short"]);
        var found = await _store.QueryAsync(new PostQuery { Text = "末尾マーカー" });
        Assert.Equal("long", Assert.Single(found).Post.SourcePostId);
    }

    [Fact]
    public async Task A_newer_edit_replaces_the_row_and_its_text_index_entry_through_the_same_statement()
    {
        await _store.AppendAsync([Post("p").Text("最初の本文です").Build()]);
        await _store.AppendAsync([Post("p").Text("編集後の本文です").Edited(BaseTime.AddMinutes(3)).Build()]);
        // Not newer: ignored.
        await _store.AppendAsync([Post("p").Text("古い編集の本文").Edited(BaseTime.AddMinutes(2)).Build()]);

        Assert.Equal("編集後の本文です", Assert.Single(await _store.QueryAsync(new PostQuery())).Post.Text);
        Assert.Empty(await _store.QueryAsync(new PostQuery { Text = "最初の本文" }));
        Assert.Single(await _store.QueryAsync(new PostQuery { Text = "編集後の本文" }));
        Assert.Empty(await _store.QueryAsync(new PostQuery { Text = "古い編集" }));
    }

    private static string Types(SqliteConnection c, string id) => Scalar(c,
        $"""
        SELECT typeof(source) || '|' || typeof(source_post_id) || '|' || typeof(created_at) || '|' || typeof(ingested_at) || '|' ||
               typeof(edited_at) || '|' || typeof(relevant) || '|' || typeof(lat) || '|' || typeof(lon) || '|' ||
               typeof(location_level) || '|' || typeof(top_category) || '|' || typeof(grade) || '|' || typeof(credibility) || '|' ||
               typeof(score) || '|' || typeof(text) || '|' || typeof(post_json) || '|' || typeof(analysis_json) || '|' ||
               typeof(category_mask) || '|' || typeof(hazard_mask)
        FROM posts WHERE source_post_id = '{id}'
        """);

    private static string Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "<null>";
    }
}
