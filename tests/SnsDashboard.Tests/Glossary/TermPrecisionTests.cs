using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Tests.Storage;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Glossary;

public class TermPrecisionTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public void Worst_terms_come_first_and_a_single_mark_does_not_outrank_many()
    {
        var rows = TermPrecisionReport.WorstFirst(
        [
            new("停電", "lifeline_power", "confirmed", 9), new("停電", "lifeline_power", "false", 1), new("停電", "lifeline_power", null, 40),
            new("fire", "fire", "false", 9), new("fire", "fire", "confirmed", 1),
            new("炎上", "fire", "false", 1),
            new("救助", "rescue_request", null, 12),
            new("浸水", "flooding", "relevant", 2), new("浸水", "flooding", "irrelevant", 2), new("浸水", "flooding", "note", 3),
        ]);
        Assert.Equal(["fire", "炎上", "浸水", "停電", "救助"], rows.Select(r => r.Term));
        var fire = rows[0];
        Assert.Equal((10, 1, 9, 0.1), (fire.MatchedPosts, fire.MarkedRelevant, fire.MarkedNotRelevant, fire.Precision));
        var power = rows.Single(r => r.Term == "停電");
        Assert.Equal((50, 9, 1, 0.9), (power.MatchedPosts, power.MarkedRelevant, power.MarkedNotRelevant, power.Precision));
        Assert.Equal((7, 4), (rows[2].MatchedPosts, rows[2].Marked)); // other marks only count as matched
        Assert.Null(rows[^1].Precision);
    }

    [Fact]
    public async Task Storage_counts_matched_posts_per_term_by_their_standing_mark_within_the_window()
    {
        var posts = await _temp.OpenAsync();
        static AnalysedPost Post(string id, DateTimeOffset at, params (string Term, string Category)[] terms) =>
            new(Make("テキスト", id: id) with { CreatedAt = at },
                new PostAnalysis { Relevant = true, Matches = terms.Select(t => new TermMatch(t.Term, t.Category, 0, 1)).ToList() }, at);
        await posts.AppendAsync(
        [
            Post("a", Now, ("停電", "lifeline_power"), ("停電", "lifeline_power")), // twice in one post: one post
            Post("b", Now.AddMinutes(1), ("停電", "lifeline_power"), ("断水", "lifeline_water")),
            Post("c", Now.AddMinutes(2), ("停電", "lifeline_power")),
            Post("old", Now.AddDays(-3), ("停電", "lifeline_power")),             // outside the window
        ]);
        var marks = new SqliteReliabilityStore(_temp.DatabasePath);
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "a", MarkKinds.Confirmed, "op1", Now.AddMinutes(5)));
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "b", MarkKinds.Confirmed, "op1", Now.AddMinutes(5)));
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "b", MarkKinds.False, "op2", Now.AddMinutes(6)));  // the later mark stands
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "old", MarkKinds.False, "op2", Now.AddMinutes(6)));

        var counts = await new SqliteGlossaryStore(_temp.Options()).TermMarkCountsAsync(Now.AddHours(-1), Now.AddHours(1));
        var report = TermPrecisionReport.WorstFirst(counts);
        Assert.Equal(["断水", "停電"], report.Select(r => r.Term));
        Assert.Equal((3, 1, 1, 0.5), (report[1].MatchedPosts, report[1].MarkedRelevant, report[1].MarkedNotRelevant, report[1].Precision));
        Assert.Equal((1, 0, 1), (report[0].MatchedPosts, report[0].MarkedRelevant, report[0].MarkedNotRelevant));
    }
}
