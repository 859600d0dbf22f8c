using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Geo;

public class TextGeolocatorTests
{
    private static PostLocation? Locate(string text, Gazetteer? g = null) =>
        TextGeolocator.Locate(Make(text), TextNormaliser.Normalise(text), g ?? DemoGaz);

    [Fact]
    public void Municipality_and_town_chain_gives_town_level_with_original_offsets()
    {
        string text = "🚨熊本市東区健軍本町で家が倒壊";
        var loc = Locate(text)!;
        Assert.Equal(LocationLevels.Town, loc.Level);
        Assert.Equal(("熊本県", "熊本市東区", "健軍本町", "431028"), (loc.Pref, loc.City, loc.Town, loc.LgCode));
        Assert.Equal(32.786, loc.Lat, 3);
        Assert.Equal("text", loc.Source);
        Assert.Equal([new EvidenceSpan("熊本市東区", 2, 5), new EvidenceSpan("健軍本町", 7, 4)], loc.Evidence);
        Assert.True(loc.Confidence >= 0.8);
    }

    [Fact]
    public void Geotag_wins_over_text()
    {
        var post = Make("人吉市で冠水") with { Geo = new PostGeo { Lat = 32.7861, Lon = 130.7571, Kind = "exact" } };
        var loc = TextGeolocator.Locate(post, TextNormaliser.Normalise(post.Text), DemoGaz)!;
        Assert.Equal((LocationLevels.Exact, "geotag", 32.7861), (loc.Level, loc.Source, loc.Lat));
        // 人吉市 is 60 km away from the geotag: not used to label it; the nearest town names it instead.
        Assert.Equal(("熊本市東区", "431028"), (loc.City, loc.LgCode));
        Assert.Empty(loc.Evidence);
    }

    [Fact]
    public void Short_town_name_alone_is_not_pinned_and_prefecture_context_gives_coarser_level()
    {
        Assert.Null(Locate("木山で停電"));
        var loc = Locate("熊本県の木山で停電")!;
        Assert.Equal(LocationLevels.Prefecture, loc.Level);
        Assert.Equal("430005", loc.LgCode);
        var alt = Assert.Single(loc.Alternatives);
        Assert.Equal("益城町木山", alt.Name);
    }

    [Fact]
    public void Same_town_name_in_two_municipalities_is_ambiguous_without_its_municipality()
    {
        var g = Gazetteer.FromPlaces("t", [
            new GazetteerPlace { Kind = PlaceKind.Prefecture, Name = "熊本県", Pref = "熊本県", LgCode = "430005", Lat = 32.79, Lon = 130.74 },
            new GazetteerPlace { Kind = PlaceKind.Municipality, Name = "益城町", City = "益城町", Pref = "熊本県", LgCode = "434434", Lat = 32.79, Lon = 130.82 },
            new GazetteerPlace { Kind = PlaceKind.Municipality, Name = "阿蘇市", City = "阿蘇市", Pref = "熊本県", LgCode = "432148", Lat = 32.95, Lon = 131.12 },
            new GazetteerPlace { Kind = PlaceKind.Town, Name = "中央通り", Town = "中央通り", City = "益城町", Pref = "熊本県", LgCode = "434434", ParentCode = "434434", Lat = 32.80, Lon = 130.81 },
            new GazetteerPlace { Kind = PlaceKind.Town, Name = "中央通り", Town = "中央通り", City = "阿蘇市", Pref = "熊本県", LgCode = "432148", ParentCode = "432148", Lat = 32.96, Lon = 131.10 },
        ]);
        var coarse = Locate("熊本県 中央通りで陥没", g)!;
        Assert.Equal(LocationLevels.Prefecture, coarse.Level);
        Assert.Equal(2, coarse.Alternatives.Count);
        var exact = Locate("阿蘇市の中央通りで陥没", g)!;
        Assert.Equal((LocationLevels.Town, "432148"), (exact.Level, exact.LgCode));
    }

    [Fact]
    public void Otsu_needs_context_and_is_never_confused_with_izumiotsu()
    {
        Assert.Null(Locate("大津で停電"));
        Assert.Equal("434035", Locate("大津町で停電")!.LgCode);
        Assert.Equal("252018", Locate("滋賀県大津市で停電")!.LgCode);
        Assert.Null(Locate("泉大津市で停電"));
        var town = Locate("菊池郡大津町大津で停電")!;
        Assert.Equal((LocationLevels.Town, "大津"), (town.Level, town.Town));
    }

    [Fact]
    public void Municipal_disaster_hashtag_gives_the_municipality()
    {
        var loc = Locate("#久留米市災害 道路が冠水しています")!;
        Assert.Equal((LocationLevels.Municipality, "402036", "福岡県"), (loc.Level, loc.LgCode, loc.Pref));
        Assert.Equal(new EvidenceSpan("久留米市", 1, 4), loc.Evidence[0]);
    }

    [Fact]
    public void Landmark_is_located_at_landmark_level()
    {
        var loc = Locate("熊本城の石垣が崩れた")!;
        Assert.Equal((LocationLevels.Landmark, "431010"), (loc.Level, loc.LgCode));
    }

    [Fact]
    public void Ward_short_name_needs_its_city_and_unknown_text_gives_null()
    {
        Assert.Null(Locate("東区で停電"));
        Assert.Null(Locate("揺れた！"));
        Assert.Equal("431028", Locate("熊本市の東区で停電")!.LgCode);
    }

    [Fact]
    public void Places_in_different_municipalities_fall_back_to_the_prefecture()
    {
        var loc = Locate("益城町から人吉市へ向かう道が通行止め")!;
        Assert.Equal(LocationLevels.Prefecture, loc.Level);
        Assert.Equal(2, loc.Alternatives.Count);
    }

    [Fact]
    public void Demo_gazetteer_has_all_prefectures_and_every_kumamoto_municipality()
    {
        var places = DemoGaz.Places;
        Assert.Equal(47, places.Count(p => p.Kind == PlaceKind.Prefecture));
        Assert.Equal(50, places.Count(p => p.Kind == PlaceKind.Municipality && p.Pref == "熊本県")); // 45 incl. 熊本市, + its 5 wards
        Assert.Equal("430005", places.Single(p => p.Name == "熊本県").LgCode);
    }
}
