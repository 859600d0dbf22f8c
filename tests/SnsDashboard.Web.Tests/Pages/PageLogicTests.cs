using SnsDashboard.Core.Analysis;
using SnsDashboard.Web.Components.Pages.LiveFeed;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Components.Shared;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Pages;

public class PageLogicTests
{
    private static readonly DateTimeOffset Now = new(2016, 4, 16, 2, 0, 0, TimeSpan.FromHours(9));

    private static AnalysedPost Located(string id, DateTimeOffset at, params string[] categories) =>
        TestPosts.Analysed(TestPosts.Make(id, "text " + id, at), new PostAnalysis
        {
            Relevant = true,
            Categories = categories,
            Location = new PostLocation { Lat = 32.8, Lon = 130.8, Level = "town", Source = "text" },
        });

    [Fact]
    public void Sliding_windows_cover_the_last_span_and_custom_windows_are_fixed()
    {
        var w = new TimeWindow("15m");
        Assert.Equal((Now.AddMinutes(-15), (DateTimeOffset?)null), w.Range(Now));
        Assert.True(w.Contains(Now.AddMinutes(-14), Now));
        Assert.False(w.Contains(Now.AddMinutes(-16), Now));

        var custom = new TimeWindow(TimeWindow.Custom, Now.AddHours(-3), Now.AddHours(-2));
        Assert.True(custom.Contains(Now.AddMinutes(-150), Now));
        Assert.False(custom.Contains(Now.AddMinutes(-30), Now));
    }

    [Fact]
    public void Map_markers_take_the_most_urgent_category_colour_and_skip_unlocated_posts()
    {
        var markers = new MapMarkers();
        var unlocated = TestPosts.Analysed(TestPosts.Make("u", "x", Now), new PostAnalysis { Relevant = true });
        var (added, _) = markers.Add([Located("a", Now, "lifeline_power", "rescue_request"), unlocated], c => c ?? "none");
        var m = Assert.Single(added);
        Assert.Equal(CategoryPalette.For("rescue_request"), m.Colour);
        Assert.Equal("rescue_request", m.Category);
        Assert.Equal("a", markers.Get(m.Id)!.Post.SourcePostId);
    }

    [Fact]
    public void Map_markers_are_bounded_and_old_ones_leave_the_sliding_window()
    {
        var markers = new MapMarkers(capacity: 3);
        var (added, evicted) = markers.Add(Enumerable.Range(0, 5).Select(i => Located("p" + i, Now.AddMinutes(-i * 10))), c => "");
        // Evicted within the same batch: never drawn (the map's count equals what is drawn).
        Assert.Empty(evicted);
        Assert.Equal(["p2", "p3", "p4"], added.Select(m => markers.Get(m.Id)!.Post.SourcePostId));
        Assert.Equal(3, markers.Count);

        var removed = markers.RemoveOlderThan(Now.AddMinutes(-25));
        Assert.Equal(2, removed.Count); // p3 (-30) and p4 (-40); p0 and p1 were evicted first
        Assert.Equal(1, markers.Count);
    }

    [Fact]
    public void Feed_is_newest_first_bounded_and_holds_arrivals_while_paused()
    {
        var feed = new FeedList(capacity: 3);
        feed.Reset([Located("b", Now.AddMinutes(-1)), Located("a", Now.AddMinutes(-2))]);
        feed.Add([Located("c", Now)]);
        Assert.Equal(["c", "b", "a"], feed.Rows.Select(r => r.Post.SourcePostId));

        feed.Pause();
        feed.Add([Located("d", Now.AddMinutes(1))]);
        Assert.Equal(["c", "b", "a"], feed.Rows.Select(r => r.Post.SourcePostId));
        Assert.Equal(1, feed.Waiting);

        feed.Resume();
        Assert.Equal(["d", "c", "b"], feed.Rows.Select(r => r.Post.SourcePostId));
        Assert.Equal(0, feed.Waiting);
    }

    [Fact]
    public void Feed_lists_a_post_once_when_it_was_both_loaded_and_received_live()
    {
        // The feed subscribes before its first query, so a post stored meanwhile comes both ways.
        var feed = new FeedList(capacity: 10);
        feed.Reset([Located("b", Now.AddMinutes(-1)), Located("a", Now.AddMinutes(-2))]);
        feed.Add([Located("b", Now.AddMinutes(-1), "fire"), Located("c", Now)]);
        Assert.Equal(["c", "b", "a"], feed.Rows.Select(r => r.Post.SourcePostId));
        Assert.Equal(["fire"], feed.Rows[1].Analysis.Categories); // the newer version wins
    }

    [Fact]
    public void Place_labels_fall_back_to_coordinates_for_a_bare_geotag()
    {
        Assert.Equal("—", UiLabels.Place(null));
        Assert.Equal("益城町 宮園", UiLabels.Place(new PostLocation { Lat = 32.79, Lon = 130.82, Level = "town", Source = "text", City = "益城町", Town = "宮園" }));
        Assert.Equal("熊本県", UiLabels.Place(new PostLocation { Lat = 32.79, Lon = 130.74, Level = "prefecture", Source = "text", Pref = "熊本県" }));
        Assert.Equal("32.790, 130.741", UiLabels.Place(new PostLocation { Lat = 32.79, Lon = 130.7414, Level = "exact", Source = "geotag" }));
    }

    [Fact]
    public void Highlighting_splits_text_at_matches_and_survives_bad_offsets()
    {
        var segs = HighlightedText.Split("#救助 益城町で倒壊", [
            new TermMatch("#救助", "rescue_request", 0, 3),
            new TermMatch("倒壊", "building_damage", 8, 2),
            new TermMatch("bogus", "fire", 50, 4),
            new TermMatch("overlap", "fire", 1, 3),
        ]);
        Assert.Equal("#救助 益城町で倒壊", string.Concat(segs.Select(s => s.Text)));
        Assert.Equal(["#救助", "倒壊"], segs.Where(s => s.Category != null).Select(s => s.Text));
    }
}
