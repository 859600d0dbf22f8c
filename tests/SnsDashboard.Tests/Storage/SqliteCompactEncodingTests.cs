using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

/// <summary>The store keeps compact JSON (no nulls, no empty lists) and takes batches encoded ahead
/// of the write; both must read back exactly what was written.</summary>
public sealed class SqliteCompactEncodingTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private SqlitePostStore _store = null!;

    public async Task InitializeAsync() => _store = await _temp.OpenAsync();
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task An_unrelated_posts_analysis_is_stored_without_nulls_or_empty_lists_and_reads_back_whole()
    {
        var item = new AnalysedPost(
            new Post { Source = "x", SourcePostId = "chat", Text = "今日のランチ", CreatedAt = BaseTime, Author = new PostAuthor { Id = "a" } },
            new PostAnalysis { ClaimId = "c1" }, BaseTime);
        await _store.AppendAsync([item]);

        var (postJson, analysisJson) = StoredJson("chat");
        Assert.DoesNotContain("null", analysisJson);
        Assert.DoesNotContain("\"categories\"", analysisJson);
        Assert.DoesNotContain("\"location\"", analysisJson);
        Assert.Contains("\"claim_id\":\"c1\"", analysisJson);
        Assert.Contains("\"reasons\":[]", analysisJson);  // a constructor list is kept: it would read back as null
        Assert.DoesNotContain("\"media\"", postJson);

        var back = Assert.Single(await _store.QueryAsync(new PostQuery()));
        Assert.Equal(PostJson.Serialize(item.Analysis), PostJson.Serialize(back.Analysis));
        Assert.Equal(PostJson.Serialize(item.Post), PostJson.Serialize(back.Post));
        Assert.Empty(back.Analysis.Categories);
        Assert.NotNull(back.Analysis.Reliability.Reasons);
    }

    [Fact]
    public async Task Empty_lists_that_differ_from_null_keep_the_difference()
    {
        var withEmpty = Post("empty").Build().Post with
        {
            Place = new PostPlace { Name = "東区", Bbox = [] },
        };
        var spatial = new SpatialJoinResult([], [], null);
        await _store.AppendAsync([new AnalysedPost(withEmpty, new PostAnalysis { Spatial = spatial }, BaseTime),
            new AnalysedPost(Post("null").Build().Post with { Place = new PostPlace { Name = "西区" } }, PostAnalysis.Empty, BaseTime)]);

        var back = (await _store.QueryAsync(new PostQuery())).ToDictionary(p => p.Post.SourcePostId);
        Assert.NotNull(back["empty"].Post.Place!.Bbox);
        Assert.Empty(back["empty"].Post.Place!.Bbox!);
        Assert.Null(back["null"].Post.Place!.Bbox);
        Assert.NotNull(back["empty"].Analysis.Spatial!.Zones);
        Assert.NotNull(back["empty"].Analysis.Spatial!.NearestShelters);
    }

    [Fact]
    public async Task A_batch_encoded_ahead_is_stored_exactly_like_a_plain_batch()
    {
        var posts = Enumerable.Range(0, 300).Select(i =>
        {
            var b = Post("p" + i).Text("熊本市で救助 " + i).MinutesAfterBase(i).Categories("rescue_request");
            return (i % 3 == 0 ? b.At(32.8, 130.7) : b.Irrelevant()).Build();
        }).ToList();
        var encoded = _store.Encode(posts);
        Assert.Equal(posts.Count, encoded.Count);
        Assert.Same(posts[7], encoded[7]);
        Assert.Equal(300, await _store.AppendAsync(encoded));

        var other = new TempStore();
        try
        {
            var plain = await other.OpenAsync();
            await plain.AppendAsync(posts);
            Assert.Equal(Dump(_temp.DatabasePath), Dump(other.DatabasePath));
        }
        finally { await other.DisposeAsync(); }
    }

    private (string Post, string Analysis) StoredJson(string id)
    {
        using var c = new SqliteConnection($"Data Source={_temp.DatabasePath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT CAST(post_json AS TEXT), CAST(analysis_json AS TEXT) FROM posts WHERE source_post_id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        return (r.GetString(0), r.GetString(1));
    }

    private static List<string> Dump(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT source_post_id, relevant, lat, lon, location_level, top_category, grade, credibility, score, text,
                   hex(post_json), hex(analysis_json), category_mask, hazard_mask,
                   (SELECT count(*) FROM posts_fts WHERE posts_fts.rowid = posts.id)
            FROM posts ORDER BY id
            """;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}
