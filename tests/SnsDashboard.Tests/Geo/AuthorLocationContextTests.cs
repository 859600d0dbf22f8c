using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Geo;

public class AuthorLocationContextTests
{
    private const string Located = "熊本市東区健軍本町で家が倒壊、閉じ込められています";
    private const string Unlocated = "まだ救助が来ません、助けてください";

    private static Post At(string text, TimeSpan after, string id, string author = "u1", string source = "x") =>
        Make(text, id, author, source) with { CreatedAt = Now + after };

    private static PostLocation? Locate(Post p) => TextGeolocator.Locate(p, TextNormaliser.Normalise(p.Text), DemoGaz);

    private static PostLocation? Run(AuthorLocationContext ctx, Post p, bool relevant = true) => ctx.Apply(p, Locate(p), relevant);

    [Fact]
    public void Unlocated_report_inherits_the_same_authors_recent_town_with_low_confidence_and_evidence()
    {
        var ctx = new AuthorLocationContext();
        var first = Run(ctx, At(Located, TimeSpan.Zero, "p1"))!;
        Assert.Equal((LocationLevels.Town, "text"), (first.Level, first.Source));

        var later = Run(ctx, At(Unlocated, TimeSpan.FromMinutes(45), "p2"))!;

        Assert.Equal((LocationLevels.Town, AuthorLocationContext.Source), (later.Level, later.Source));
        Assert.Equal((first.LgCode, first.Town, first.Lat, first.Lon), (later.LgCode, later.Town, later.Lat, later.Lon));
        Assert.True(later.Confidence < first.Confidence && later.Confidence <= 0.4, $"confidence {later.Confidence}");
        var evidence = Assert.Single(later.Evidence);
        Assert.Equal(-1, evidence.Start); // not a span of this post's text
        Assert.Contains("45分前", evidence.Text);
        Assert.Contains("p1", evidence.Text);
        Assert.Contains("健軍本町", evidence.Text);
    }

    [Fact]
    public void A_stale_report_is_not_used()
    {
        var ctx = new AuthorLocationContext();
        Run(ctx, At(Located, TimeSpan.Zero, "p1"));
        Assert.NotNull(Run(ctx, At(Unlocated, TimeSpan.FromHours(3), "p2")));
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1), "p3")));
    }

    [Fact]
    public void Another_author_or_the_same_id_on_another_network_does_not_inherit()
    {
        var ctx = new AuthorLocationContext();
        Run(ctx, At(Located, TimeSpan.Zero, "p1", author: "u1", source: "x"));
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(5), "p2", author: "u2", source: "x")));
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(5), "p3", author: "u1", source: "bluesky")));
    }

    [Fact]
    public void Only_town_level_or_finer_reports_are_remembered_and_text_always_wins()
    {
        var ctx = new AuthorLocationContext();
        Run(ctx, At("熊本市で停電しています", TimeSpan.Zero, "p1")); // municipality only: too coarse to carry over
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(5), "p2")));

        Run(ctx, At(Located, TimeSpan.FromMinutes(10), "p3"));
        var own = Run(ctx, At("人吉市で冠水", TimeSpan.FromMinutes(20), "p4"))!;
        Assert.Equal("text", own.Source); // the post's own place, not the remembered one
        Assert.Equal("人吉市", own.City);
    }

    [Fact]
    public void An_exact_geotag_is_carried_over_no_finer_than_town()
    {
        var ctx = new AuthorLocationContext();
        var tagged = At("ここです", TimeSpan.Zero, "p1") with { Geo = new PostGeo { Lat = 32.7861, Lon = 130.7571, Kind = "exact" } };
        Assert.Equal(LocationLevels.Exact, ctx.Apply(tagged, Locate(tagged), relevant: true)!.Level);
        var later = Run(ctx, At(Unlocated, TimeSpan.FromMinutes(30), "p2"))!;
        Assert.Equal((LocationLevels.Town, AuthorLocationContext.Source, 32.7861), (later.Level, later.Source, later.Lat));
    }

    [Fact]
    public void Irrelevant_posts_neither_teach_nor_inherit_and_a_late_older_post_does_not_inherit()
    {
        var ctx = new AuthorLocationContext();
        Run(ctx, At(Located, TimeSpan.Zero, "p1"), relevant: false);
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(5), "p2")));

        Run(ctx, At(Located, TimeSpan.FromMinutes(10), "p3"));
        Assert.Null(Run(ctx, At("お腹すいた", TimeSpan.FromMinutes(15), "p4"), relevant: false));
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(5), "p5"))); // written before p3
    }

    [Fact]
    public void A_report_beats_the_profile_location()
    {
        var ctx = new AuthorLocationContext();
        var profile = new PostAuthor { Id = "u1", ProfileLocationText = "人吉市" };
        Run(ctx, At(Located, TimeSpan.Zero, "p1") with { Author = profile });
        var later = At(Unlocated, TimeSpan.FromMinutes(20), "p2") with { Author = profile };
        Assert.Equal("profile", Locate(later)!.Source);
        Assert.Equal(AuthorLocationContext.Source, Run(ctx, later)!.Source);
    }

    [Fact]
    public void Memory_is_bounded_by_the_number_of_authors_dropping_the_least_recent()
    {
        var ctx = new AuthorLocationContext(capacity: 2);
        Run(ctx, At(Located, TimeSpan.Zero, "a1", author: "a"));
        Run(ctx, At(Located, TimeSpan.FromMinutes(1), "b1", author: "b"));
        Run(ctx, At(Located, TimeSpan.FromMinutes(2), "c1", author: "c"));
        Assert.Equal(2, ctx.Count);
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(3), "a2", author: "a")));
        Assert.NotNull(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(3), "c2", author: "c")));
    }

    [Fact]
    public void A_newer_report_of_a_known_author_replaces_the_older_one_and_makes_the_author_most_recent()
    {
        // The entry of a known author is updated in place (no new node): its place and evidence must
        // be the newer report's, and it must count as the most recently seen when the bound evicts.
        var ctx = new AuthorLocationContext(capacity: 2);
        Run(ctx, At(Located, TimeSpan.Zero, "a1", author: "a"));
        Run(ctx, At(Located, TimeSpan.FromMinutes(1), "b1", author: "b"));
        Run(ctx, At("益城町宮園で土砂崩れ、家が埋まっています", TimeSpan.FromMinutes(2), "a2", author: "a"));
        Run(ctx, At(Located, TimeSpan.FromMinutes(3), "c1", author: "c"));  // evicts b, the least recent now

        Assert.Equal(2, ctx.Count);
        Assert.Null(Run(ctx, At(Unlocated, TimeSpan.FromMinutes(4), "b2", author: "b")));
        var inherited = Run(ctx, At(Unlocated, TimeSpan.FromMinutes(4), "a3", author: "a"));
        Assert.Equal("益城町", inherited!.City);
        Assert.Contains("a2", inherited.Evidence[0].Text);
    }

    private static PostAnalyser NewAnalyser() => new(new SnapshotHolder(new PipelineSnapshot(StarterGlossary, DemoGaz, Registry)));

    [Fact]
    public void The_analyser_applies_the_context_to_its_stream_but_grades_the_post_on_its_own_text()
    {
        const string firstHandUnlocated = "2階に取り残されています、まだ救助が来ません";
        var alone = NewAnalyser().Analyse(At(firstHandUnlocated, TimeSpan.FromMinutes(10), "p2"), Now);
        Assert.Null(alone.Location);

        var analyser = NewAnalyser();
        analyser.Analyse(At(Located, TimeSpan.Zero, "p1"), Now);
        var later = analyser.Analyse(At(firstHandUnlocated, TimeSpan.FromMinutes(10), "p2"), Now);
        Assert.True(later.Relevant);
        Assert.Equal(AuthorLocationContext.Source, later.Location?.Source);
        // The carried-over place does not make this post "first-hand and specific".
        Assert.Equal(alone.Reliability.Code, later.Reliability.Code);
        Assert.DoesNotContain(later.Reliability.Reasons, r => r.StartsWith("first_hand_and_specific", StringComparison.Ordinal));
    }
}
