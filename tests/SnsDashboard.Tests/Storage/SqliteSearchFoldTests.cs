using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

/// <summary>Text search folds like the normaliser (width, case, katakana → hiragana) for relevant posts
/// (migration 10: the trigram index holds the folded text). Migration 5 had reduced it to ASCII case.</summary>
public sealed class SqliteSearchFoldTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static async Task<List<string>> Ids(SqlitePostStore store, PostQuery q) =>
        (await store.QueryAsync(q)).Select(p => p.Post.SourcePostId).Order().ToList();

    private static AnalysedPost[] Posts() => [
        Post("fullwidth").Text("ＪＲ九州の線路が冠水しています"),
        Post("halfwidth-kana").MinutesAfterBase(1).Text("ﾋﾅﾝｼﾞｮは体育館です"),
        Post("katakana").MinutesAfterBase(2).Text("ヒナンジョが満員です"),
        Post("plain").MinutesAfterBase(3).Text("jr九州は運転見合わせ"),
        Post("other").MinutesAfterBase(4).Text("道路が通行止めです"),
    ];

    [Theory]
    [InlineData("JR九州", new[] { "fullwidth", "plain" })]
    [InlineData("ｊｒ九州", new[] { "fullwidth", "plain" })]
    [InlineData("ＪＲ九州の線路", new[] { "fullwidth" })]
    [InlineData("ひなんじょ", new[] { "halfwidth-kana", "katakana" })]
    [InlineData("ヒナンジョ", new[] { "halfwidth-kana", "katakana" })]
    [InlineData("ﾋﾅﾝｼﾞｮ", new[] { "halfwidth-kana", "katakana" })]
    [InlineData("線路が冠水", new[] { "fullwidth" })]
    [InlineData("冠水しています", new[] { "fullwidth" })]
    [InlineData("九州線路", new string[0])] // words of one post, not one phrase
    public async Task Relevant_posts_are_found_whatever_the_width_case_or_kana_of_the_phrase(string phrase, string[] expected)
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync(Posts());

        Assert.Equal(expected.Order().ToList(), await Ids(store, new PostQuery { Text = phrase }));
        Assert.Equal(expected.Order().ToList(), await Ids(store, new PostQuery { Text = phrase, Relevant = true }));
        Assert.Equal(expected.Length, await store.CountAsync(new PostQuery { Text = phrase }));
    }

    [Fact]
    public async Task The_text_index_holds_the_folded_text_and_edits_replace_it()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync(Posts());
        await store.AppendAsync([Post("fullwidth").Text("ＪＲ鹿児島本線が運休").Edited(BaseTime.AddHours(1))]);

        Assert.Empty(await Ids(store, new PostQuery { Text = "jr九州の" }));
        Assert.Equal(["fullwidth"], await Ids(store, new PostQuery { Text = "jr鹿児島" }));
        using var raw = _temp.OpenRaw();
        using var cmd = new SqliteCommand("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '\"jr鹿\"'", raw);
        Assert.Equal(1L, Convert.ToInt64(cmd.ExecuteScalar()));
    }

    [Fact]
    public async Task Migration_10_refolds_an_index_built_from_the_raw_text()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync(Posts());
        await store.DisposeAsync();
        using (var raw = _temp.OpenRaw())
        {
            // What a version-9 file holds: the raw text in the index.
            using var cmd = raw.CreateCommand();
            cmd.CommandText =
                """
                INSERT INTO posts_fts (posts_fts) VALUES ('delete-all');
                INSERT INTO posts_fts (rowid, text) SELECT id, text FROM posts WHERE relevant = 1;
                DELETE FROM schema_migrations WHERE version = 10;
                """;
            cmd.ExecuteNonQuery();
            cmd.CommandText = "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '\"ひなん\"'";
            Assert.Equal(0L, Convert.ToInt64(cmd.ExecuteScalar()));
        }

        var migrated = await _temp.OpenAsync();

        Assert.Equal(["halfwidth-kana", "katakana"], await Ids(migrated, new PostQuery { Text = "ひなんじょ" }));
        Assert.Equal(["fullwidth", "plain"], await Ids(migrated, new PostQuery { Text = "JR九州" }));
    }

    [Fact]
    public async Task Unrelated_posts_and_short_phrases_keep_the_row_check_with_ascii_case_folding()
    {
        var store = await _temp.OpenAsync();
        await store.AppendAsync([
            Post("chat").Text("Ｊリーグの試合を見た JR線で帰る").Irrelevant(),
            Post("short").MinutesAfterBase(1).Text("JRが止まった"),
        ]);

        Assert.Equal(["chat"], await Ids(store, new PostQuery { Text = "jr線で" }));
        Assert.Equal(["chat", "short"], await Ids(store, new PostQuery { Text = "jr" }));
        // Unrelated posts are not folded beyond ASCII case (documented limit): full-width Ｊ stays apart.
        Assert.Empty(await Ids(store, new PostQuery { Text = "jリーグ" }));
        Assert.Equal(["chat"], await Ids(store, new PostQuery { Text = "Ｊリーグ" }));
    }
}
