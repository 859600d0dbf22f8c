using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Web.Api;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Pages;

/// <summary>Issue 6: the filter shared by map, feed and export; the post list beside the map;
/// markers counted once per post; the CSV export.</summary>
public class MapSyncLogicTests
{
    private static readonly DateTimeOffset Now = new(2016, 4, 16, 2, 0, 0, TimeSpan.FromHours(9));

    private static AnalysedPost Located(string id, DateTimeOffset at, string text = "text") =>
        TestPosts.Analysed(TestPosts.Make(id, text, at), new PostAnalysis
        {
            Relevant = true,
            Categories = ["rescue_request"],
            Location = new PostLocation { Lat = 32.8, Lon = 130.8, Level = "exact", Source = "geotag" },
        });

    [Fact]
    public void Shared_filter_round_trips_through_the_url_query()
    {
        var f = new SharedPostFilter
        {
            Categories = ["rescue_request", "fire"], Hazards = ["landslide"], Grades = ["A", "B"], Sources = ["x"],
            Text = "助けて & 水", RelevantOnly = false, SpatialValue = "zone:12:区域区分:2",
        };
        var query = f.ToQueryString();
        var back = SharedPostFilter.Parse("http://127.0.0.1/feed?" + query);
        Assert.Equal(f.Categories, back.Categories);
        Assert.Equal(f.Hazards, back.Hazards);
        Assert.Equal(f.Grades, back.Grades);
        Assert.Equal(f.Sources, back.Sources);
        Assert.Equal("助けて & 水", back.Text);
        Assert.False(back.RelevantOnly);
        Assert.Equal("zone:12:区域区分:2", back.SpatialValue);
        Assert.Equal("", SharedPostFilter.None.ToQueryString());
        Assert.True(SharedPostFilter.Parse("http://127.0.0.1/map").IsEmpty);

        var near = SharedPostFilter.Parse("?spatial=near:500&shelter=" + Uri.EscapeDataString("第一避難所"));
        var spatial = near.ToPostFilter(SpatialContext.Empty).Spatial!;
        Assert.Equal(500, spatial.WithinMetresOfShelter);
        Assert.Equal("第一避難所", spatial.ShelterName);
        // Unusable values are dropped rather than half-applied.
        Assert.Equal("", SharedPostFilter.Parse("?spatial=zone:abc").SpatialValue);
    }

    [Fact]
    public void Shared_filter_resolves_a_named_shelter_against_the_current_layers()
    {
        var shelters = new JoinLayer(3, "避難所", LayerThemes.SocialAssets,
        [
            new LayerFeature(new LayerGeometry(GeometryKind.Point, [[[130.81, 32.80]]]), new Dictionary<string, string?> { ["name"] = "第一避難所" }),
        ]);
        var filter = SharedPostFilter.Parse("?spatial=near:1000&shelter=第一避難所").ToPostFilter(new SpatialContext([shelters]));
        var point = Assert.Single(filter.Spatial!.NamedShelterPoints);
        Assert.Equal((32.80, 130.81), point);
    }

    [Fact]
    public void The_circuit_keeps_the_last_filter_for_a_page_opened_without_one()
    {
        var state = new SharedPostFilterState();
        Assert.True(state.Resolve("http://h/map").IsEmpty);
        var f = state.Resolve("http://h/map?spatial=near:500&cat=rescue_request");
        Assert.Equal("near:500", f.SpatialValue);
        // The top navigation opens /feed without a query: the same filter applies.
        Assert.Equal(f, state.Resolve("http://h/feed"));
        // A filter in the URL wins.
        Assert.Equal(["fire"], state.Resolve("http://h/feed?cat=fire").Categories);
    }

    [Fact]
    public void An_edit_of_a_post_on_the_map_replaces_its_marker_instead_of_adding_a_second()
    {
        var markers = new MapMarkers();
        var (first, _) = markers.Add([Located("a", Now), Located("b", Now)], c => "");
        var edited = Located("a", Now, "text (edited)");
        var (added, evicted) = markers.Add([edited], c => "");
        Assert.Equal(2, markers.Count);
        Assert.Equal([first[0].Id], evicted);
        Assert.Equal("text (edited)", markers.Get(Assert.Single(added).Id)!.Post.Text);
        Assert.Null(markers.Get(first[0].Id));
        Assert.Equal(added[0].Id, markers.IdOf(edited.Post.Key));

        // Twice in one batch: one marker.
        var (again, _) = markers.Add([Located("c", Now), Located("c", Now, "c2")], c => "");
        Assert.Single(again);
        Assert.Equal(3, markers.Count);
    }

    [Fact]
    public void The_list_beside_the_map_is_newest_first_and_follows_removals()
    {
        var markers = new MapMarkers();
        markers.Add(Enumerable.Range(0, 5).Select(i => Located("p" + i, Now.AddMinutes(i - 10))), c => "");
        Assert.Equal(["p4", "p3", "p2"], markers.Newest(3).Select(x => x.Post.Post.SourcePostId));
        markers.RemoveOlderThan(Now.AddMinutes(-7)); // p0, p1, p2 leave
        Assert.Equal(["p4", "p3"], markers.Newest(3).Select(x => x.Post.Post.SourcePostId));
        var (added, _) = markers.Add([Located("p5", Now)], c => "");
        Assert.Equal((added[0].Id, "p5"), markers.Newest(3).Select(x => (x.Id, x.Post.Post.SourcePostId)).First());
    }

    [Fact]
    public void Csv_export_carries_the_stored_joins_and_defuses_formulas_in_post_text()
    {
        var post = Located("a", Now, "=HYPERLINK(\"http://evil\") 助けて, \"至急\"");
        post = post with
        {
            Analysis = post.Analysis with
            {
                Spatial = new SpatialJoinResult(
                    [new ZoneHit(1, "土砂災害警戒区域（熊本）", "土砂災害警戒区域", new Dictionary<string, string?>())],
                    [new ShelterHit(2, "第一避難所", null, 123.4, 32.8, 130.81)], "熊本県益城町"),
            },
        };
        var w = new StringWriter();
        PostCsv.Write(w, [post]);
        var lines = w.ToString().Split("\r\n");
        Assert.StartsWith("\uFEFFcreated_at_jst,", lines[0]);
        Assert.Contains("\"熊本県益城町\"", lines[1]);
        Assert.Contains("\"土砂災害警戒区域 (土砂災害警戒区域（熊本）)\"", lines[1]);
        Assert.Contains("\"第一避難所\",\"123\"", lines[1]);
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil\"\") 助けて, \"\"至急\"\"\"", lines[1]);
        Assert.Equal("\"'-1\"", PostCsv.Field("-1"));
    }
}
