using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

/// <summary>Category/hazard bitmask columns (with the side tables for names beyond the last bit) and the
/// detail=none trigram index (migration 5).</summary>
public sealed class SqliteTagBitsAndTextIndexTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static async Task<List<string>> Ids(SqlitePostStore store, PostQuery q) =>
        (await store.QueryAsync(q)).Select(p => p.Post.SourcePostId).ToList();

    [Fact]
    public async Task Taxonomy_ids_use_the_fixed_bits_and_other_names_get_the_next_free_ones()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([
            Post("a").Categories("rescue_request", "medical").Hazards("earthquake"),
            Post("b").MinutesAfterBase(1).Categories("local-name").Hazards("meteor"),
        ]);

        using var raw = _temp.OpenRaw();
        Assert.Equal(Taxonomy.Categories.Count, Scalar(raw, "SELECT bit FROM tag_bits WHERE kind = 'category' AND name = 'local-name'"));
        Assert.Equal(Taxonomy.Hazards.Count, Scalar(raw, "SELECT bit FROM tag_bits WHERE kind = 'hazard' AND name = 'meteor'"));
        Assert.Equal((1L << 0) | (1L << 14), Scalar(raw, "SELECT category_mask FROM posts WHERE source_post_id = 'a'"));
        Assert.Equal(1L, Scalar(raw, "SELECT hazard_mask FROM posts WHERE source_post_id = 'a'"));
        Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM post_categories") + Scalar(raw, "SELECT count(*) FROM post_hazards"));
        // Every taxonomy id has its bit in the table, in the order of the taxonomy.
        for (var i = 0; i < Taxonomy.Categories.Count; i++)
            Assert.Equal(i, Scalar(raw, $"SELECT bit FROM tag_bits WHERE kind = 'category' AND name = '{Taxonomy.Categories[i]}'"));

        Assert.Equal(["a"], await Ids(store, new PostQuery { Categories = ["medical"] }));
        Assert.Equal(["b", "a"], await Ids(store, new PostQuery { Categories = ["local-name", "rescue_request"] }));
        Assert.Equal(["b"], await Ids(store, new PostQuery { Hazards = ["meteor"] }));
        Assert.Empty(await Ids(store, new PostQuery { Categories = ["fire"] }));
    }

    [Fact]
    public async Task Names_beyond_the_last_bit_are_kept_in_the_side_tables_and_still_found()
    {
        var store = await _temp.OpenAsync();
        // Categories: 19 taxonomy bits + 44 more names fill bits 0..62; the next 10 names overflow.
        var names = Enumerable.Range(0, 54).Select(i => $"extra-{i:00}").ToArray();
        var posts = names.Select((n, i) => (AnalysedPost)Post($"p{i}").MinutesAfterBase(i).Categories(n, "fire").Hazards(n)).ToList();
        Assert.Equal(54, await store.AppendAsync(posts));

        using (var raw = _temp.OpenRaw())
        {
            Assert.Equal(63, Scalar(raw, "SELECT count(*) FROM tag_bits WHERE kind = 'category'"));
            Assert.Equal(62, Scalar(raw, "SELECT max(bit) FROM tag_bits WHERE kind = 'category'"));
            Assert.Equal(10, Scalar(raw, "SELECT count(*) FROM post_categories"));
            Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM post_hazards")); // 8 taxonomy hazards + 54 names fit
            Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM posts WHERE category_mask < 0 OR hazard_mask < 0"));
        }
        foreach (var i in new[] { 0, 43, 44, 53 })
        {
            Assert.Equal([$"p{i}"], await Ids(store, new PostQuery { Categories = [names[i]] }));
            Assert.Equal([$"p{i}"], await Ids(store, new PostQuery { Hazards = [names[i]] }));
        }
        Assert.Equal(["p53", "p0"], await Ids(store, new PostQuery { Categories = [names[0], names[53]] }));
        Assert.Equal(54, await store.CountAsync(new PostQuery { Categories = ["fire"] }));

        // An edit replaces the overflow rows; a purge removes them.
        await store.AppendAsync([Post("p53").MinutesAfterBase(53).Categories(names[52]).Edited(BaseTime.AddDays(1))]);
        Assert.Equal(["p53", "p52"], await Ids(store, new PostQuery { Categories = [names[52]] }));
        Assert.Empty(await Ids(store, new PostQuery { Categories = [names[53]] }));
        Assert.Equal(54, await store.PurgeOlderThanAsync(BaseTime.AddDays(1)));
        using var after = _temp.OpenRaw();
        Assert.Equal(0, Scalar(after, "SELECT count(*) FROM post_categories") + Scalar(after, "SELECT count(*) FROM post_hazards"));
    }

    [Fact]
    public async Task A_name_given_a_bit_by_another_store_on_the_same_file_is_found()
    {
        var reader = await _temp.OpenAsync();   // knows only the taxonomy bits
        var writer = await _temp.OpenAsync();
        await writer.AppendAsync([Post("x").Categories("new-name").Hazards("new-hazard")]);

        Assert.Equal(["x"], await Ids(reader, new PostQuery { Categories = ["new-name"] }));
        Assert.Equal(["x"], await Ids(reader, new PostQuery { Hazards = ["new-hazard"], Categories = ["new-name", "fire"] }));
        Assert.Empty(await Ids(reader, new PostQuery { Categories = ["fire"] }));
    }

    [Fact]
    public async Task Known_names_are_tested_on_the_mask_alone_unknown_ones_also_in_the_side_table()
    {
        var store = await _temp.OpenAsync();
        var known = new PostQuery { From = BaseTime, To = BaseTime.AddHours(1), Categories = ["rescue_request"], Hazards = ["earthquake"] };
        var plan = store.ExplainQueryPlan(known);
        Assert.Contains(plan, l => l.Contains("ix_posts_created_at"));
        // The side tables are probed by (post_rowid, name); tag_bits by (kind, name).
        Assert.DoesNotContain(plan, l => l.Contains("post_rowid") || l.Contains("tag_bits"));

        var unknown = store.ExplainQueryPlan(known with { Categories = ["rescue_request", "never-written"] });
        Assert.Contains(unknown, l => l.Contains("post_rowid=? AND category"));
        Assert.Contains(unknown, l => l.Contains("tag_bits"));
    }

    [Fact]
    public async Task Bits_assigned_in_a_failed_batch_are_forgotten()
    {
        var store = await _temp.OpenAsync();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        // Cancellation is checked inside the write, after the transaction began.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync([Post("a").Categories("first")], cts.Token));
        await store.AppendAsync([Post("b").Categories("second")]);

        using var raw = _temp.OpenRaw();
        Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM tag_bits WHERE name = 'first'"));
        Assert.Equal(Taxonomy.Categories.Count, Scalar(raw, "SELECT bit FROM tag_bits WHERE name = 'second'"));
        Assert.Equal(["b"], await Ids(store, new PostQuery { Categories = ["second"] }));
    }

    [Fact]
    public async Task Text_search_needs_the_phrase_not_just_its_trigrams()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([
            Post("phrase").Text("熊本で救助要請あり"),
            // Holds both trigrams of "救助要請" (救助要, 助要請) but not the phrase.
            Post("scattered").MinutesAfterBase(1).Text("救助要員と補助要請"),
            Post("unrelated").MinutesAfterBase(2).Text("訓練：救助要請の練習").Irrelevant(),
        ]);

        Assert.Equal(["unrelated", "phrase"], await Ids(store, new PostQuery { Text = "救助要請" }));
        Assert.Equal(["phrase"], await Ids(store, new PostQuery { Text = "救助要請", Relevant = true }));
        Assert.Equal(["unrelated"], await Ids(store, new PostQuery { Text = "救助要請", Relevant = false }));
        Assert.Equal(["scattered"], await Ids(store, new PostQuery { Text = "救助要員と補助要請" }));
        Assert.Equal(2, await store.CountAsync(new PostQuery { Text = "救助要請" }));
    }

    [Fact]
    public async Task Text_index_follows_a_post_that_becomes_relevant_or_unrelated_in_an_edit()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([Post("1").Text("道路が冠水しています"), Post("2").Text("訓練の案内です").Irrelevant()]);
        await store.AppendAsync([
            Post("1").Text("道路が冠水しています（訓練）").Irrelevant().Edited(BaseTime.AddMinutes(1)),
            Post("2").Text("本番の案内です").Edited(BaseTime.AddMinutes(1)),
        ]);

        using var raw = _temp.OpenRaw();
        Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '\"冠水し\"'"));
        Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '\"訓練の\"'"));
        Assert.Equal(2, Scalar(raw, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH '\"本番の\"'"));
        Assert.Equal(["1"], await Ids(store, new PostQuery { Text = "冠水して" }));
        Assert.Equal(["2"], await Ids(store, new PostQuery { Text = "本番の案内", Relevant = true }));
    }

    [Theory]
    [InlineData("救助", null)]
    [InlineData("救助要", "\"救助要\"")]
    [InlineData("救助要請", "\"救助要\" AND \"助要請\"")]
    [InlineData("ああああ", "\"あああ\"")]
    [InlineData("a\"bc", "\"a\"\"b\" AND \"\"\"bc\"")]
    [InlineData("🙏助けて", "\"🙏助け\" AND \"助けて\"")]
    public void Trigram_match_ands_the_distinct_trigrams_quoted(string text, string? expected)
    {
        Assert.Equal(expected, PostQuerySql.TrigramMatch(text));
    }

    [Fact]
    public void Trigram_match_is_capped()
    {
        var match = PostQuerySql.TrigramMatch(new string(Enumerable.Range(0, 100).Select(i => (char)('あ' + i % 80)).ToArray()))!;
        Assert.Equal(PostQuerySql.MaxTrigrams, match.Split(" AND ").Length);
    }
}
