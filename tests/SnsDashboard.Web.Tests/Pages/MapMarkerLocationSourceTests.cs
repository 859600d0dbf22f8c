using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Components.Shared;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Pages;

/// <summary>Which located posts reach the map, by where their location came from.</summary>
public class MapMarkerLocationSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static AnalysedPost Post(string id, string source, string level = LocationLevels.Municipality) =>
        TestPosts.Analysed(TestPosts.Make(id, "text " + id, Now), new PostAnalysis
        {
            Relevant = true,
            Categories = ["lifeline_power"],
            Location = new PostLocation { Lat = 32.8, Lon = 130.7, Level = level, Source = source, Confidence = 0.2 },
        });

    [Fact]
    public void Posts_located_only_by_the_authors_profile_stay_off_the_map_unless_asked_for_and_then_grey()
    {
        var posts = new[] { Post("text", "text", LocationLevels.Town), Post("profile", "profile"), Post("author", AuthorLocationContext.Source, LocationLevels.Town) };

        var (byDefault, _) = new MapMarkers().Add(posts, c => c ?? "");
        Assert.Equal(2, byDefault.Count);
        Assert.All(byDefault, m => Assert.Equal(CategoryPalette.For("lifeline_power"), m.Colour));

        var markers = new MapMarkers();
        var (withProfile, _) = markers.Add(posts, c => c ?? "", includeProfileOnly: true);
        Assert.Equal(3, withProfile.Count);
        var profile = withProfile.Single(m => markers.Get(m.Id)!.Post.SourcePostId == "profile");
        Assert.Equal(MapMarkers.ProfileOnlyColour, profile.Colour);
        Assert.Equal(5_000, profile.PrecisionM); // an area, never a pin
    }

    [Fact]
    public void A_location_carried_over_from_the_same_author_is_drawn_as_a_town_area()
    {
        var (added, _) = new MapMarkers().Add([Post("author", AuthorLocationContext.Source, LocationLevels.Town)], c => c ?? "");
        Assert.Equal(700, Assert.Single(added).PrecisionM);
    }
}
