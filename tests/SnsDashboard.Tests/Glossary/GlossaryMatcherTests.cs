using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Glossary;

public class GlossaryMatcherTests
{
    private static GlossaryResult Match(string text) =>
        GlossaryMatcher.Match(Make(text), TextNormaliser.Normalise(text), StarterGlossary);

    [Fact]
    public void Rescue_request_is_found_with_original_offsets_through_half_width_kana_and_emoji()
    {
        string text = "🙏ﾀｽｹﾃ!家が倒壊";
        var r = Match(text);
        Assert.True(r.Relevant);
        Assert.Equal(["rescue_request", "building_damage"], r.Categories);
        Assert.Equal("earthquake", Assert.Single(r.Hazards));
        var rescue = r.Matches[0];
        Assert.Equal(("助けて", "rescue_request", 2, 4), (rescue.Term, rescue.Category, rescue.Start, rescue.Length));
        Assert.Equal("ﾀｽｹﾃ", text.Substring(rescue.Start, rescue.Length));
        var damage = r.Matches[1];
        Assert.Equal("倒壊", text.Substring(damage.Start, damage.Length));
    }

    [Fact]
    public void Offsets_after_a_surrogate_pair_count_utf16_units()
    {
        string text = "𠮷田町で停電してる";
        var m = Assert.Single(Match(text).Matches);
        Assert.Equal(("停電", 5, 2), (m.Term, m.Start, m.Length));
    }

    [Fact]
    public void Drill_post_is_excluded_by_訓練()
    {
        var r = Match("今日は地震を想定した防災訓練に参加、けが人役をやりました");
        Assert.False(r.Relevant);
        Assert.Equal("防災訓練", r.ExcludedBy);
        Assert.Contains("casualties", r.Categories); // the explanation keeps what matched
    }

    [Fact]
    public void Rescue_hashtag_overrides_a_drill_exclusion()
    {
        var r = Match("#救助 訓練中の事故で2人閉じ込められています");
        Assert.True(r.Relevant);
        Assert.Null(r.ExcludedBy);
        Assert.Equal("rescue_request", r.Categories[0]);
    }

    [Fact]
    public void Rescue_term_with_a_concrete_place_overrides_an_exclusion()
    {
        Assert.Null(Match("映画館から出られない、益城町の2丁目で閉じ込められた").ExcludedBy);
        Assert.Equal("映画", Match("映画で閉じ込められるシーンが怖かった").ExcludedBy);
    }

    [Fact]
    public void Anniversary_post_is_excluded_as_retrospective()
    {
        var r = Match("熊本地震から8年。あの日の揺れは忘れない");
        Assert.False(r.Relevant);
        Assert.Equal("忘れない", r.ExcludedBy);
    }

    [Fact]
    public void Metaphor_is_not_hazard_evidence()
    {
        var r = Match("彼の言葉に心が揺れる");
        Assert.False(r.Relevant);
        Assert.Empty(r.Hazards);
        Assert.Null(r.ExcludedBy);
    }

    [Fact]
    public void Short_kana_term_needs_a_second_term()
    {
        Assert.False(Match("ゆれ").Relevant);
        Assert.True(Match("ゆれ すごい、停電").Relevant);
    }

    [Fact]
    public void Longest_phrase_wins_and_variants_report_the_concept()
    {
        var r = Match("土砂くずれで道路寸断");
        Assert.Equal(["土砂崩れ", "寸断"], r.Matches.Select(m => m.Term));
        Assert.Equal(["landslide", "transport_disruption"], r.Categories);
        Assert.Equal(["landslide"], r.Hazards);
    }

    [Fact]
    public void Planned_outage_notice_is_excluded_only_without_a_hazard()
    {
        Assert.Equal("工事のため", Match("工事のため明日10時から断水します").ExcludedBy);
        Assert.True(Match("大雨で工事のため止めていた水道が断水").Relevant);
    }

    [Fact]
    public void Same_input_gives_identical_output()
    {
        string text = "震度6強、家が倒壊して停電、避難所へ";
        var a = Match(text);
        var b = Match(text);
        Assert.Equal(a.Categories, b.Categories);
        Assert.Equal(a.Matches, b.Matches);
    }

    [Fact]
    public void Loader_names_file_and_line_of_a_bad_line()
    {
        string dir = Directory.CreateTempSubdirectory("glossary").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "fire.tsv"), "# comment\n火事\tfire\t2\n延焼\tlava\t2\n");
            var e = Assert.Throws<GlossaryFormatException>(() => GlossaryLoader.LoadDirectory(dir));
            Assert.StartsWith("fire.tsv:3:", e.Message);
            Assert.Contains("lava", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Starter_glossary_covers_every_stable_category()
    {
        var covered = StarterGlossary.Terms.Select(t => t.Category).ToHashSet();
        foreach (var c in SnsDashboard.Core.Analysis.Taxonomy.Categories) Assert.Contains(c, covered);
        Assert.True(StarterGlossary.Terms.Count > 250);
    }

    [Fact]
    public void From_entries_builds_a_usable_snapshot()
    {
        var g = GlossaryLoader.FromEntries("t1", [new GlossaryTerm("停電", "lifeline_power", [], 1, ["ていでん"])]);
        var r = GlossaryMatcher.Match(Make("テイデン中"), TextNormaliser.Normalise("テイデン中"), g);
        Assert.Equal(("停電", 0, 4), (r.Matches[0].Term, r.Matches[0].Start, r.Matches[0].Length));
    }
}
