using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Storage;
using SnsDashboard.Tests.TestSupport;

namespace SnsDashboard.Tests.Live;

public class PostFilterTests
{
    private static AnalysedPost Item(string source = "x", bool relevant = true, string[]? categories = null, string grade = "F",
        double? lat = null, double? lon = null, string text = "益城町で家が倒壊") =>
        PostBuilder.Analysed(PostBuilder.Make("1", text, source), new PostAnalysis
        {
            Relevant = relevant,
            Categories = categories ?? ["building_damage"],
            Hazards = ["earthquake"],
            Reliability = new ReliabilityGrade(grade, 3, 0.4, []),
            Location = lat is null ? null : new PostLocation { Lat = lat.Value, Lon = lon!.Value, Level = "town", Source = "text" },
        });

    [Fact]
    public void Relevant_filter_hides_unrelated_posts_by_default()
    {
        Assert.True(PostFilter.Relevant.Matches(Item()));
        Assert.False(PostFilter.Relevant.Matches(Item(relevant: false)));
        Assert.True(PostFilter.All.Matches(Item(relevant: false)));
    }

    [Fact]
    public void Categories_grades_and_sources_each_restrict()
    {
        var item = Item(source: "mastodon:mstdn.example.jp", grade: "B");
        Assert.True(new PostFilter { Categories = ["rescue_request", "building_damage"] }.Matches(item));
        Assert.False(new PostFilter { Categories = ["fire"] }.Matches(item));
        Assert.True(new PostFilter { Grades = ["A", "B"] }.Matches(item));
        Assert.False(new PostFilter { Grades = ["A"] }.Matches(item));
        Assert.True(new PostFilter { Sources = ["mastodon"] }.Matches(item));
        Assert.False(new PostFilter { Sources = ["x"] }.Matches(item));
        Assert.True(new PostFilter { Hazards = ["earthquake"] }.Matches(item));
        Assert.False(new PostFilter { Hazards = ["volcano"] }.Matches(item));
    }

    [Fact]
    public void Bounds_and_located_only_need_a_location_inside()
    {
        var bounds = new GeoBounds(32.5, 130.5, 33.0, 131.0);
        Assert.True(new PostFilter { Bounds = bounds }.Matches(Item(lat: 32.79, lon: 130.74)));
        Assert.False(new PostFilter { Bounds = bounds }.Matches(Item(lat: 33.59, lon: 130.40)));
        Assert.False(new PostFilter { Bounds = bounds }.Matches(Item()));
        Assert.False(new PostFilter { LocatedOnly = true }.Matches(Item()));
    }

    [Fact]
    public void Text_filter_is_a_case_insensitive_substring()
    {
        Assert.True(new PostFilter { Text = " 倒壊 " }.Matches(Item()));
        Assert.False(new PostFilter { Text = "冠水" }.Matches(Item()));
        Assert.True(new PostFilter { Text = "road" }.Matches(Item(text: "ROAD closed")));
    }

    [Fact]
    public void The_filter_becomes_the_equivalent_store_query()
    {
        var q = new PostFilter { Categories = ["fire"], Text = " 火事 ", LocatedOnly = true }.ToQuery(PostBuilder.T0, null, 100);
        Assert.Equal(["fire"], q.Categories);
        Assert.Equal("火事", q.Text);
        Assert.True(q.Relevant);
        Assert.True(q.LocatedOnly);
        Assert.Null(q.Grades);
        Assert.Equal(100, q.Limit);
    }
}
