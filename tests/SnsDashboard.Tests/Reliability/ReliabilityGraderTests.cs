using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Reliability;

public class ReliabilityGraderTests
{
    private static ReliabilityGrade Grade(Post post, AccountRegistry? registry = null, AuthorTrackRecords? history = null)
    {
        var text = TextNormaliser.Normalise(post.Text);
        var glossary = GlossaryMatcher.Match(post, text, StarterGlossary);
        var location = TextGeolocator.Locate(post, text, DemoGaz);
        return ReliabilityGrader.Grade(post, text, glossary, location, registry ?? Registry, history ?? AuthorTrackRecords.Empty,
            DenialDetector.Detect(text.Value), Now);
    }

    private static AuthorTrackRecords Record(string author, int confirmed, int refuted) =>
        new([new(("x", author), new TrackRecord(confirmed, refuted))]);

    [Theory]
    [InlineData(9, 1, "B")]
    [InlineData(6, 4, "C")]
    [InlineData(2, 5, "D")]
    [InlineData(0, 6, "E")]
    public void Operators_marks_set_the_source_grade_of_an_unregistered_author(int confirmed, int refuted, string expected)
    {
        var g = Grade(Make("益城町木山で停電しています", author: "u-hist"), history: Record("u-hist", confirmed, refuted));
        Assert.Equal(expected, g.Source);
        Assert.Contains($"track_record:{confirmed}/{confirmed + refuted}", g.Reasons);
    }

    [Fact]
    public void Fewer_than_five_marks_do_not_grade_the_author_yet()
    {
        var g = Grade(Make("益城町木山で停電しています", author: "u-hist"), history: Record("u-hist", 4, 0));
        Assert.Equal("F", g.Source);
        Assert.Contains("short_track_record:4/4", g.Reasons);
    }

    [Fact]
    public void Registered_reporter_with_a_refuted_mark_loses_the_B()
    {
        var registry = AccountRegistry.FromEntries("t", [new RegisteredAccount("x", "u-rep", "SR-1", AccountKinds.Reporter) { ConfirmedReports = 8 }]);
        var post = Make("今、益城町木山の自宅前が冠水しています", author: "u-rep");
        Assert.Equal("B", Grade(post, registry).Source);
        Assert.Equal("C", Grade(post, registry, Record("u-rep", 0, 1)).Source);
    }

    [Fact]
    public void Link_to_an_official_page_raises_credibility_to_2_but_a_look_alike_domain_does_not()
    {
        var official = Make("人吉市で避難指示が出ています") with { Urls = ["https://www.city.hitoyoshi.lg.jp/kiji/123.html"] };
        var g = Grade(official);
        Assert.Equal(2, g.Credibility);
        Assert.Contains("links_official_source:www.city.hitoyoshi.lg.jp", g.Reasons);
        var fake = official with { Urls = ["https://hitoyoshi-fakelg.jp/a"] };
        Assert.DoesNotContain(Grade(fake).Reasons, r => r.StartsWith("links_official_source"));
    }

    [Fact]
    public void Many_followers_never_change_the_letter()
    {
        var post = Make("益城町で住宅倒壊らしい") with { Author = new PostAuthor { Id = "influencer", FollowersCount = 2_000_000, AccountCreatedAt = Now.AddYears(-8) } };
        var plain = Make("益城町で住宅倒壊らしい");
        Assert.Equal("F", Grade(post).Source);
        Assert.True(Grade(post).Score - Grade(plain).Score <= 0.02 + 1e-9);
    }

    [Fact]
    public void Kumamoto_lion_hoax_is_5_but_its_denial_is_a_denial()
    {
        var hoax = Grade(Make("地震のせいで熊本の動物園からライオンが逃げた #拡散希望"));
        Assert.Equal(5, hoax.Credibility);
        Assert.Contains("known_hoax_pattern:lion_escaped", hoax.Reasons);

        var denial = Grade(Make("熊本の動物園からライオンが逃げたという噂はデマです。拡散しないでください"));
        Assert.NotEqual(5, denial.Credibility);
        Assert.Contains(denial.Reasons, r => r.StartsWith("denial_or_correction:"));
        Assert.DoesNotContain(denial.Reasons, r => r.StartsWith("hedged_or_hearsay"));
    }

    [Fact]
    public void Official_denial_is_graded_A1_with_its_own_reason()
    {
        var g = Grade(Make("動物園からライオンが逃げたという情報は事実ではありません", author: "x-kumamoto-city"));
        Assert.Equal("A1", g.Code);
        Assert.Contains(g.Reasons, r => r.StartsWith("official_denial:"));
    }

    [Fact]
    public void Every_reason_code_the_grader_emits_has_an_english_sentence()
    {
        var posts = new[]
        {
            Make("熊本県天草地方に津波注意報を発表しました", author: "x-jma"),
            Make("熊本駅前のビルが倒壊したらしい、拡散希望") with { Author = new PostAuthor { Id = "n", AccountCreatedAt = Now.AddDays(-2), IsBot = true, VerifiedKind = "paid" } },
            Make("#救助 熊本市東区健軍本町2丁目、2階に3人取り残されています") with { Media = [new PostMedia { Type = "image" }] },
            Make("8年前の今日、益城町で震度7"),
            Make("ライオンが逃げたはデマ"),
            Make("益城町は停電していません"),
            Make("今、益城町で停電してますか？"),
        };
        foreach (var p in posts)
            foreach (var r in Grade(p).Reasons)
                Assert.NotEqual(r, ReasonCatalog.ToEnglish(r));
    }

    [Fact]
    public void Jma_tsunami_warning_is_A1()
    {
        var g = Grade(Make("熊本県天草地方に津波注意報を発表しました", author: "x-jma"));
        Assert.Equal("A1", g.Code);
        Assert.Contains("official_account:気象庁", g.Reasons);
        Assert.Contains("official_own_announcement", g.Reasons);
    }

    [Fact]
    public void Same_name_but_not_allowlisted_id_gets_no_uplift()
    {
        var post = Make("津波警報が出ました", author: "x-jma-fake") with { Author = new PostAuthor { Id = "x-jma-fake", DisplayName = "気象庁", AccountCreatedAt = Now.AddYears(-3) } };
        Assert.Equal("F", Grade(post).Source);
    }

    [Fact]
    public void New_account_spreading_hearsay_is_D4()
    {
        var post = Make("熊本駅前のビルが倒壊したらしい、拡散希望") with
        {
            Author = new PostAuthor { Id = "u-new", AccountCreatedAt = Now.AddDays(-3), FollowersCount = 50 },
        };
        var g = Grade(post);
        Assert.Equal("D4", g.Code);
        Assert.Contains("account_age_under_7_days", g.Reasons);
        Assert.Contains(g.Reasons, r => r.StartsWith("hedged_or_hearsay:"));
    }

    [Fact]
    public void Rescue_request_with_address_and_photo_from_unknown_long_standing_account_is_F2()
    {
        var post = Make("#救助 熊本市東区健軍本町2丁目、2階に3人取り残されています") with
        {
            Media = [new PostMedia { Type = "image", Url = "https://example.org/p.jpg" }],
        };
        var g = Grade(post);
        Assert.Equal("F2", g.Code);
        Assert.Contains("photo_or_video_attached", g.Reasons);
    }

    [Fact]
    public void Registered_reporter_with_geotag_is_C2_until_a_track_record_exists()
    {
        var post = Make("今、益城町木山の自宅前が冠水しています") with
        {
            Author = new PostAuthor { Id = "u-rep", RegisteredReporterId = "SR-117", AccountCreatedAt = Now.AddYears(-2) },
            Geo = new PostGeo { Lat = 32.797, Lon = 130.818, Kind = "exact" },
        };
        Assert.Equal("C2", Grade(post).Code);
        var withRecord = AccountRegistry.FromEntries("t", [new RegisteredAccount("x", "u-rep", "SR-117", AccountKinds.Reporter) { ConfirmedReports = 8 }]);
        Assert.Equal("B2", Grade(post, withRecord).Code);
    }

    [Fact]
    public void Anniversary_post_is_graded_5()
    {
        var g = Grade(Make("8年前の今日、益城町で震度7の揺れがありました"));
        Assert.Equal(5, g.Credibility);
    }

    [Fact]
    public void Question_stays_at_most_3_and_vague_post_stays_6()
    {
        Assert.Equal(6, Grade(Make("揺れた！")).Credibility);
        var q = Make("今、益城町で停電してますか？") with { Media = [new PostMedia { Type = "image" }] };
        Assert.Equal(3, Grade(q).Credibility);
    }

    [Fact]
    public void Media_account_is_B_and_bots_are_capped_at_D()
    {
        Assert.Equal("B", Grade(Make("益城町で住宅倒壊", author: "x-nhk-news")).Source);
        var bot = Make("地震速報 震度4") with { Author = new PostAuthor { Id = "bot1", IsBot = true, VerifiedKind = "business", AccountCreatedAt = Now.AddYears(-1) } };
        Assert.Equal("D", Grade(bot).Source);
    }

    [Fact]
    public void Score_ranks_a_better_grade_higher()
    {
        Assert.True(Grade(Make("津波警報", author: "x-jma")).Score > Grade(Make("津波警報らしい")).Score);
    }
}
