using System.Text.Json;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

public sealed class SqlitePostStoreWriteTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private SqlitePostStore _store = null!;

    public async Task InitializeAsync() => _store = await _temp.OpenAsync();
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Round_trip_preserves_every_field_of_post_and_analysis()
    {
        var post = new Post
        {
            Source = "bluesky",
            SourcePostId = "at://did:plc:abc/app.bsky.feed.post/3k",
            Text = "<script>alert('x')</script> 熊本市東区で救助要請 🙏 \"quoted\" ' OR 1=1 --",
            CreatedAt = new DateTimeOffset(2024, 7, 1, 21, 3, 4, 567, TimeSpan.FromHours(9)),
            ReceivedAt = new DateTimeOffset(2024, 7, 1, 12, 3, 5, TimeSpan.Zero),
            Author = new PostAuthor
            {
                Id = "did:plc:abc", Handle = "taro.example", DisplayName = "熊本 太郎", FollowersCount = 12,
                AccountCreatedAt = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromHours(9)), IsBot = false, Verified = null,
            },
            Url = "https://example.org/p/1",
            Lang = "ja",
            Kind = PostKinds.Reply,
            ReplyToId = "parent",
            Sensitive = true,
            Geo = new PostGeo { Lat = 32.8, Lon = 130.75, AccuracyM = 15, Kind = "exact" },
            Place = new PostPlace { Name = "東区", CountryCode = "JP", Bbox = [130.7, 32.7, 130.8, 32.9] },
            Media = [new PostMedia { Type = "image", Url = "https://example.org/a.jpg", AltText = "浸水した道路", Width = 640, Height = 480 }],
            Urls = ["https://example.org"],
            Hashtags = ["熊本地震"],
            Mentions = ["@hanako"],
            Matched = ["救助"],
            EditedAt = new DateTimeOffset(2024, 7, 1, 21, 10, 0, TimeSpan.FromHours(9)),
            Raw = JsonDocument.Parse("""{"nested":{"a":[1,2,3]},"s":"生データ"}""").RootElement,
        };
        var analysis = new PostAnalysis
        {
            Relevant = true,
            Categories = ["rescue", "damage"],
            Hazards = ["earthquake"],
            Matches = [new TermMatch("救助", "rescue", 12, 2)],
            Location = new PostLocation
            {
                Lat = 32.81, Lon = 130.76, Level = LocationLevels.Town, LgCode = "431036", Pref = "熊本県", City = "熊本市東区",
                Town = "健軍", Confidence = 0.9, Source = "text", Evidence = [new EvidenceSpan("熊本市東区", 30, 5)],
                Alternatives = [new LocationAlternative("健軍町", "town", null, 32.8, 130.7, 0.3)],
            },
            Reliability = new ReliabilityGrade("C", 3, 0.55, ["verified account", "geotag"]),
            DuplicateOf = null,
            ClaimId = "claim-1",
            ClaimStatus = ClaimStatuses.Corroborated,
        };
        var ingested = new DateTimeOffset(2024, 7, 1, 12, 3, 6, 789, TimeSpan.Zero);

        Assert.Equal(1, await _store.AppendAsync([new AnalysedPost(post, analysis, ingested)]));
        var back = Assert.Single(await _store.QueryAsync(new PostQuery()));

        Assert.Equal(PostJson.Serialize(post), PostJson.Serialize(back.Post));
        Assert.Equal(PostJson.Serialize(analysis), PostJson.Serialize(back.Analysis));
        Assert.Equal(ingested, back.IngestedAt);
        Assert.Equal(post.Text, back.Post.Text);
        Assert.Equal(post.CreatedAt, back.Post.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(9), back.Post.CreatedAt.Offset);
        Assert.Null(back.Analysis.DuplicateOf);
        Assert.Null(back.Post.Author.Verified);
        Assert.Equal("生データ", back.Post.Raw!.Value.GetProperty("s").GetString());
    }

    [Fact]
    public async Task Minimal_post_with_nulls_round_trips()
    {
        var minimal = new AnalysedPost(
            new Post { Source = "x", SourcePostId = "1", Text = "", CreatedAt = BaseTime, Author = new PostAuthor { Id = "a" } },
            PostAnalysis.Empty, BaseTime);
        Assert.Equal(1, await _store.AppendAsync([minimal]));
        var back = Assert.Single(await _store.QueryAsync(new PostQuery()));
        Assert.Equal(PostJson.Serialize(minimal.Post), PostJson.Serialize(back.Post));
        Assert.Equal(PostJson.Serialize(minimal.Analysis), PostJson.Serialize(back.Analysis));
        Assert.Null(back.Analysis.Location);
        Assert.Null(back.Post.Geo);
    }

    [Fact]
    public async Task Duplicate_keys_are_ignored_within_and_across_batches()
    {
        Assert.Equal(1, await _store.AppendAsync([Post("1").Text("first"), Post("1").Text("second")]));
        Assert.Equal(0, await _store.AppendAsync([Post("1").Text("third")]));
        Assert.Equal(1, await _store.AppendAsync([Post("1").From("other").Text("same id, other source")]));

        var texts = (await _store.QueryAsync(new PostQuery())).Select(p => p.Post.Text).Order().ToList();
        Assert.Equal(["first", "same id, other source"], texts);
    }

    [Fact]
    public async Task Newer_edited_at_replaces_and_older_is_ignored()
    {
        await _store.AppendAsync([Post("1").Text("original 避難所").Categories("shelter").Hazards("flood").At(33.0, 130.0)]);

        Assert.Equal(1, await _store.AppendAsync([Post("1").Text("edited 救助要請").Categories("rescue").Hazards("landslide").At(34.0, 131.0).Edited(BaseTime.AddMinutes(5))]));
        Assert.Equal(0, await _store.AppendAsync([Post("1").Text("older edit").Edited(BaseTime.AddMinutes(3))]));
        Assert.Equal(0, await _store.AppendAsync([Post("1").Text("same edit").Edited(BaseTime.AddMinutes(5))]));
        Assert.Equal(0, await _store.AppendAsync([Post("1").Text("no edit time")]));

        var stored = Assert.Single(await _store.QueryAsync(new PostQuery()));
        Assert.Equal("edited 救助要請", stored.Post.Text);
        // Side tables, the location columns and FTS follow the replacement.
        Assert.Equal(1, await _store.CountAsync(new PostQuery { Categories = ["rescue"] }));
        Assert.Equal(0, await _store.CountAsync(new PostQuery { Categories = ["shelter"] }));
        Assert.Equal(1, await _store.CountAsync(new PostQuery { Hazards = ["landslide"] }));
        Assert.Equal(0, await _store.CountAsync(new PostQuery { Hazards = ["flood"] }));
        Assert.Equal(1, await _store.CountAsync(new PostQuery { Bounds = new GeoBounds(33.9, 130.9, 34.1, 131.1) }));
        Assert.Equal(0, await _store.CountAsync(new PostQuery { Bounds = new GeoBounds(32.9, 129.9, 33.1, 130.1) }));
        Assert.Equal(1, await _store.CountAsync(new PostQuery { Text = "救助要請" }));
        Assert.Equal(0, await _store.CountAsync(new PostQuery { Text = "避難所" }));
    }

    [Fact]
    public async Task Empty_batch_writes_nothing()
    {
        Assert.Equal(0, await _store.AppendAsync([]));
        Assert.Equal(0, (await _store.GetStatsAsync()).PostCount);
    }

    [Fact]
    public async Task Stats_report_counts_times_size_and_version()
    {
        await _store.AppendAsync([
            Post("a").MinutesAfterBase(0).At(33, 130),
            Post("b").MinutesAfterBase(10),
            Post("c").MinutesAfterBase(-10).At(34, 131),
        ]);
        var stats = await _store.GetStatsAsync();
        Assert.Equal(3, stats.PostCount);
        Assert.Equal(2, stats.LocatedCount);
        Assert.Equal(BaseTime.AddMinutes(-10), stats.Oldest);
        Assert.Equal(BaseTime.AddMinutes(10), stats.Newest);
        Assert.Equal(SqliteMigrations.LatestVersion, stats.SchemaVersion);
        Assert.True(stats.FileSizeBytes > 0);
        Assert.Contains("WAL", stats.Description);
    }

    [Fact]
    public async Task Database_is_in_wal_mode()
    {
        using var raw = _temp.OpenRaw();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
    }
}
