using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Pages;

/// <summary>
/// The live map's load from the store runs while live posts keep arriving: they are drawn at
/// once, and the loaded posts fill in around them (<see cref="MapMarkers.BeginLoad"/>,
/// <see cref="MapMarkers.AddLoaded"/>).
/// </summary>
public class MapLoadTests
{
    private static readonly DateTimeOffset Now = new(2016, 4, 16, 2, 0, 0, TimeSpan.FromHours(9));

    private static AnalysedPost Post(string id, string text = "text", string? claim = null, string status = ClaimStatuses.Unverified) =>
        TestPosts.Analysed(TestPosts.Make(id, text + " " + id, Now), new PostAnalysis
        {
            Relevant = true,
            ClaimId = claim,
            ClaimStatus = status,
            Location = new PostLocation { Lat = 32.8, Lon = 130.8, Level = "exact", Source = "geotag" },
        });

    private static string Label(string? c) => c ?? "";

    private static string[] Texts(MapMarkers markers) => markers.Newest(100).Select(m => m.Post.Post.Text).ToArray();

    [Fact]
    public void Live_posts_drawn_during_a_load_stay_and_are_not_drawn_again_from_the_store()
    {
        var markers = new MapMarkers();
        markers.Add([Post("old")], Label);
        markers.BeginLoad();
        Assert.Equal(0, markers.Count);

        // Arrived on the bus while the store was queried: drawn at once (the live version).
        var (live, _) = markers.Add([Post("b", "live")], Label);
        var (loaded, evicted) = markers.AddLoaded([Post("a", "stored"), Post("b", "stored")], Label);

        Assert.Empty(evicted);
        Assert.Equal(["stored a"], loaded.Select(m => m.Text));
        Assert.Equal(2, markers.Count);
        Assert.Equal("live b", markers.Get(live.Single().Id)!.Post.Text);
        // The list beside the map: the live post is the newest, the loaded ones come after it.
        Assert.Equal(["live b", "stored a"], Texts(markers));
        // After the load, a post arriving again replaces its marker as usual.
        var (again, replaced) = markers.Add([Post("a", "edited")], Label);
        Assert.Equal([loaded.Single().Id], replaced);
        Assert.Equal(["edited a", "live b"], Texts(markers));
        Assert.Single(again);
    }

    [Fact]
    public void A_post_deleted_at_its_source_during_a_load_is_not_drawn_from_the_stale_query()
    {
        var markers = new MapMarkers();
        markers.BeginLoad();
        // The deletion reaches the view after the store was queried but before the result was drawn.
        Assert.Empty(markers.Remove(new HashSet<Core.Posts.PostKey> { Post("gone").Post.Key }));
        var (loaded, _) = markers.AddLoaded([Post("gone"), Post("kept")], Label);

        Assert.Equal(["text kept"], loaded.Select(m => m.Text));
        // Only for that load: the next one draws what the store returns.
        markers.BeginLoad();
        Assert.Equal(2, markers.AddLoaded([Post("gone"), Post("kept")], Label).Added.Count);
    }

    [Fact]
    public void Beyond_capacity_the_oldest_loaded_posts_go_first_and_live_ones_stay()
    {
        var markers = new MapMarkers(capacity: 3);
        markers.BeginLoad();
        markers.Add([Post("live1"), Post("live2")], Label);
        var (loaded, evicted) = markers.AddLoaded([Post("s1"), Post("s2"), Post("s3")], Label);

        Assert.Empty(evicted); // nothing that was drawn had to leave
        Assert.Equal(["text s3"], loaded.Select(m => m.Text));
        Assert.Equal(["text live2", "text live1", "text s3"], Texts(markers));
    }

    [Fact]
    public void Claim_styles_of_loaded_markers_are_taken_as_the_posts_are_now()
    {
        var markers = new MapMarkers();
        markers.BeginLoad();
        var (loaded, _) = markers.AddLoaded([Post("r1", claim: "c1", status: ClaimStatuses.Disputed), Post("r2", claim: "c2")], Label);
        // Debunked while the chunks were on their way: the status sent after them is the new one.
        markers.ApplyClaimStatuses(new Dictionary<string, string> { ["c1"] = ClaimStatuses.Debunked });
        var gone = markers.Remove(new HashSet<Core.Posts.PostKey> { Post("r2").Post.Key });

        var styles = markers.NotableClaimStyles(loaded.Select(m => m.Id));
        var style = Assert.Single(styles);
        Assert.Equal(loaded[0].Id, style.Id);
        Assert.Equal(ClaimStatuses.Debunked, style.Status);
        Assert.EndsWith("⚠", style.Grade);
        Assert.Single(gone);
    }
}
