using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Geo;

/// <summary>Profile locations are memoised per gazetteer; a remembered answer must be exactly the one
/// resolving gives, and the memo must stay bounded.</summary>
public class ProfileLocationMemoTests
{
    private static readonly string[] Profiles =
    [
        "益城町", "熊本県益城町", "熊本市東区", "熊本県熊本市東区健軍本町", "阿蘇市", "人吉市", "熊本城", "福岡県",
        "東京都", "地球", "", "  ", "</script>熊本市", "🏠熊本県 阿蘇郡 西原村", new string('熊', 65), "熊本県" + new string('x', 70),
        "出身は熊本市", "大分県別府市", "熊本", "益城",
    ];

    private static PostLocation? LocateProfile(Gazetteer g, string profile, string text = "今日のランチ")
    {
        var post = Make(text) with { Author = new PostAuthor { Id = "u", ProfileLocationText = profile } };
        return TextGeolocator.Locate(post, TextNormaliser.Normalise(post.Text), g);
    }

    private static string Json(PostLocation? l) => l is null ? "null" : PostJson.Serialize(new PostAnalysis { Location = l });

    [Fact]
    public void A_remembered_profile_location_is_exactly_what_resolving_it_gives()
    {
        var warm = DemoGazetteer.Create();
        foreach (var p in Profiles) LocateProfile(warm, p);
        int located = 0;
        foreach (var p in Profiles)
        {
            var fresh = LocateProfile(DemoGazetteer.Create(), p); // a new gazetteer: nothing remembered
            var remembered = LocateProfile(warm, p);
            Assert.Equal(Json(fresh), Json(remembered));
            if (remembered is not null) { located++; Assert.Equal("profile", remembered.Source); }
        }
        Assert.True(located >= 8, $"{located} profiles located");
    }

    [Fact]
    public void The_text_still_wins_over_a_remembered_profile()
    {
        var g = DemoGazetteer.Create();
        Assert.Equal("profile", LocateProfile(g, "益城町")!.Source);
        var fromText = LocateProfile(g, "益城町", "人吉市で冠水")!;
        Assert.Equal(("text", "人吉市"), (fromText.Source, fromText.City));
        Assert.Equal("profile", LocateProfile(g, "益城町")!.Source);
    }

    [Fact]
    public void A_gazetteer_with_another_focus_area_has_its_own_memo()
    {
        var g = DemoGazetteer.Create();
        LocateProfile(g, "益城町");
        var focused = g.WithFocus(["福岡県"]);
        Assert.Equal(1, g.ProfileLocations.Count);
        Assert.Equal(0, focused.ProfileLocations.Count);
    }

    [Fact]
    public void The_memo_stays_bounded_and_keeps_no_long_texts()
    {
        var g = DemoGazetteer.Create();
        LocateProfile(g, new string('熊', ProfileLocationMemo.MaxKeyChars + 1));
        Assert.Equal(0, g.ProfileLocations.Count);
        for (int i = 0; i < ProfileLocationMemo.Capacity + 100; i++)
        {
            LocateProfile(g, "熊本市" + i);
            Assert.InRange(g.ProfileLocations.Count, 1, ProfileLocationMemo.Capacity);
        }
        // After starting over it still answers like a fresh resolve.
        Assert.Equal(Json(LocateProfile(DemoGazetteer.Create(), "熊本市東区")), Json(LocateProfile(g, "熊本市東区")));
    }
}
