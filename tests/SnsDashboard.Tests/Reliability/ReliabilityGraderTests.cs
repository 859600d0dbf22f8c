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
    private static ReliabilityGrade Grade(Post post, AccountRegistry? registry = null)
    {
        var text = TextNormaliser.Normalise(post.Text);
        var glossary = GlossaryMatcher.Match(post, text, StarterGlossary);
        var location = TextGeolocator.Locate(post, text, DemoGaz);
        return ReliabilityGrader.Grade(post, text, glossary, location, registry ?? Registry, Now);
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
