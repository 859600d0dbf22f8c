using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

public sealed class SqlitePostStoreQueryTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private SqlitePostStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await _temp.OpenAsync();
        await _store.AppendAsync([
            Post("kumamoto").MinutesAfterBase(0).Text("熊本市東区で救助要請、2階に取り残されています").At(32.80, 130.75)
                .Categories("rescue").Hazards("earthquake").Grade("C", 3),
            Post("aso").MinutesAfterBase(10).Text("阿蘇で土砂崩れ、道路が通れません").At(32.95, 131.10)
                .Categories("damage", "traffic").Hazards("landslide", "earthquake").Grade("B", 2),
            Post("fukuoka").MinutesAfterBase(20).Text("福岡は雨が強い").At(33.59, 130.40)
                .Categories("weather").Hazards("heavy-rain").Grade("F", 6),
            Post("unlocated").MinutesAfterBase(30).Text("避難所はどこですか？ <b>help</b> 100%")
                .Categories("shelter").Hazards("earthquake").Grade("D", 4),
            Post("drill").MinutesAfterBase(40).Text("避難訓練のお知らせ").Irrelevant().At(32.80, 130.75).From("mastodon"),
        ]);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private async Task<List<string>> Ids(PostQuery q) =>
        (await _store.QueryAsync(q)).Select(p => p.Post.SourcePostId).ToList();

    [Fact]
    public async Task Results_are_newest_first_and_limited()
    {
        Assert.Equal(["drill", "unlocated", "fukuoka", "aso", "kumamoto"], await Ids(new PostQuery()));
        Assert.Equal(["drill", "unlocated"], await Ids(new PostQuery { Limit = 2 }));
        Assert.Equal(5, await _store.CountAsync(new PostQuery { Limit = 2 }));
    }

    [Fact]
    public async Task Time_window_includes_from_and_excludes_to()
    {
        var q = new PostQuery { From = BaseTime.AddMinutes(10), To = BaseTime.AddMinutes(30) };
        Assert.Equal(["fukuoka", "aso"], await Ids(q));
        Assert.Equal(2, await _store.CountAsync(q));
        // The window is an instant comparison, whatever the offset of the bounds.
        Assert.Equal(["fukuoka", "aso"], await Ids(q with { From = BaseTime.AddMinutes(10).ToUniversalTime(), To = BaseTime.AddMinutes(30).ToOffset(TimeSpan.FromHours(-5)) }));
    }

    [Fact]
    public async Task Bounding_box_selects_posts_inside_and_excludes_posts_just_outside()
    {
        await _store.AppendAsync([
            Post("edge-in").MinutesAfterBase(50).At(33.0, 131.0),
            Post("just-north").MinutesAfterBase(51).At(33.0000001, 130.9),
            Post("just-east").MinutesAfterBase(52).At(32.9, 131.0000001),
            Post("just-south").MinutesAfterBase(53).At(32.6999999, 130.9),
        ]);
        var kumamotoArea = new GeoBounds(South: 32.7, West: 130.7, North: 33.0, East: 131.0);
        Assert.Equal(["edge-in", "drill", "kumamoto"], await Ids(new PostQuery { Bounds = kumamotoArea }));
        Assert.Equal(3, await _store.CountAsync(new PostQuery { Bounds = kumamotoArea }));
    }

    [Fact]
    public async Task Short_windows_scan_by_time_and_still_exclude_posts_just_outside_the_box()
    {
        await _store.AppendAsync([
            Post("edge-in").MinutesAfterBase(50).At(33.0, 131.0).Categories("rescue"),
            Post("just-north").MinutesAfterBase(51).At(33.0000001, 130.9).Categories("rescue"),
            Post("just-west").MinutesAfterBase(52).At(32.9, 130.6999999).Categories("rescue"),
        ]);
        var q = new PostQuery { From = BaseTime, Bounds = new GeoBounds(32.7, 130.7, 33.0, 131.0) };
        Assert.False(PostQuerySql.UseLatitudeIndex(q));
        Assert.True(PostQuerySql.UseLatitudeIndex(q with { From = null }));
        Assert.True(PostQuerySql.UseLatitudeIndex(q with { To = BaseTime.AddDays(30) }));
        Assert.Equal(["edge-in", "drill", "kumamoto"], await Ids(q));
        Assert.Equal(["edge-in", "kumamoto"], await Ids(q with { Categories = ["rescue"] }));
        Assert.Equal(["edge-in", "kumamoto"], await Ids(q with { Categories = ["rescue"], To = BaseTime.AddDays(30) }));
    }

    [Fact]
    public async Task Bounding_box_across_the_antimeridian_is_supported()
    {
        await _store.AppendAsync([Post("pacific").MinutesAfterBase(60).At(10, 179.5), Post("fiji").MinutesAfterBase(61).At(10, -179.5)]);
        Assert.Equal(["fiji", "pacific"], await Ids(new PostQuery { Bounds = new GeoBounds(0, 179, 20, -179) }));
    }

    [Fact]
    public async Task Categories_and_hazards_match_any_of_the_given_values()
    {
        Assert.Equal(["aso", "kumamoto"], await Ids(new PostQuery { Categories = ["rescue", "traffic"] }));
        Assert.Equal(["unlocated", "aso", "kumamoto"], await Ids(new PostQuery { Hazards = ["earthquake"] }));
        Assert.Equal(["aso"], await Ids(new PostQuery { Hazards = ["earthquake"], Categories = ["damage"] }));
        Assert.Empty(await Ids(new PostQuery { Categories = ["no-such-category"] }));
    }

    [Fact]
    public async Task Grades_sources_and_relevance_filter()
    {
        Assert.Equal(["aso", "kumamoto"], await Ids(new PostQuery { Grades = ["B", "C"] }));
        Assert.Equal(["drill"], await Ids(new PostQuery { Sources = ["mastodon"] }));
        Assert.Equal(["drill"], await Ids(new PostQuery { Relevant = false }));
        Assert.Equal(4, await _store.CountAsync(new PostQuery { Relevant = true }));
    }

    [Fact]
    public async Task Located_only_skips_posts_without_location()
    {
        Assert.Equal(["drill", "fukuoka", "aso", "kumamoto"], await Ids(new PostQuery { LocatedOnly = true }));
    }

    [Theory]
    [InlineData("救助要請", "kumamoto")]       // 4 chars: FTS5 trigram
    [InlineData("土砂崩れ", "aso")]
    [InlineData("避難所", "unlocated")]        // exactly 3 chars
    [InlineData("救助", "kumamoto")]           // 2 chars: LIKE fallback
    [InlineData("訓練", "drill")]
    [InlineData("雨", "fukuoka")]              // 1 char
    [InlineData("<b>help</b>", "unlocated")]   // markup is just text
    [InlineData("100%", "unlocated")]          // LIKE wildcards are literal
    [InlineData("HELP", "unlocated")]          // ASCII is case-insensitive
    public async Task Text_substring_finds_japanese_posts(string text, string expected)
    {
        Assert.Equal([expected], await Ids(new PostQuery { Text = text }));
        Assert.Equal(1, await _store.CountAsync(new PostQuery { Text = text }));
    }

    [Fact]
    public async Task Unrelated_posts_are_found_by_text_although_only_relevant_posts_are_in_the_text_index()
    {
        // "避難訓練" (4 chars) would go to FTS; the drill post is not in the index (irrelevant).
        Assert.Equal(["drill"], await Ids(new PostQuery { Text = "避難訓練" }));
        Assert.Equal(["drill"], await Ids(new PostQuery { Text = "避難訓練", Relevant = false }));
        Assert.Empty(await Ids(new PostQuery { Text = "避難訓練", Relevant = true }));
    }

    [Theory]
    [InlineData("_")]
    [InlineData("\"")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("'); DROP TABLE posts; --")]
    [InlineData("救助 NEAR 熊本")]
    [InlineData("text:救助*")]
    public async Task Hostile_text_filters_match_nothing_and_break_nothing(string text)
    {
        Assert.Empty(await Ids(new PostQuery { Text = text }));
        Assert.Equal(5, await _store.CountAsync(new PostQuery()));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var q = new PostQuery
        {
            From = BaseTime, To = BaseTime.AddHours(1),
            Bounds = new GeoBounds(32.5, 130.5, 33.5, 131.5),
            Categories = ["rescue", "damage"], Hazards = ["earthquake"], Grades = ["B", "C"], Sources = ["replay"],
            Relevant = true, LocatedOnly = true, Text = "救助",
        };
        Assert.Equal(["kumamoto"], await Ids(q));
    }

    [Fact]
    public async Task Empty_lists_mean_no_filter()
    {
        Assert.Equal(5, (await Ids(new PostQuery { Categories = [], Hazards = [], Sources = [], Grades = [] })).Count);
    }

    [Fact]
    public async Task Ties_on_created_at_are_ordered_by_insertion_newest_first()
    {
        await _store.AppendAsync([Post("t1").MinutesAfterBase(100), Post("t2").MinutesAfterBase(100)]);
        Assert.Equal(["t2", "t1"], await Ids(new PostQuery { Limit = 2 }));
    }
}

