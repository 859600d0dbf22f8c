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
        // the explanation keeps what matched: けが人 was found, then discounted by the hypothetical を想定
        Assert.Contains(r.Suppressed, m => m.Match.Term == "けが人" && m.Reason == "hypothetical: を想定");
        Assert.Contains("casualties", Match("防災訓練の最中、けが人が出た").Categories);
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
            var e = Assert.Throws<GlossaryValidationException>(() => GlossaryLoader.LoadDirectory(dir));
            Assert.StartsWith("fire.tsv:3: error: '延焼'", e.Message);
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

public class GlossaryMatcherSuppressionTests
{
    private static GlossaryResult Match(string text) =>
        GlossaryMatcher.Match(Make(text), TextNormaliser.Normalise(text), StarterGlossary);

    [Fact]
    public void Negated_tsunami_is_not_a_tsunami_post()
    {
        var r = Match("この地震による津波の心配なし");
        Assert.Equal(["earthquake"], r.Hazards);
        Assert.DoesNotContain("tsunami", r.Categories);
        var s = Assert.Single(r.Suppressed);
        Assert.Equal(("津波", "negation: の心配なし"), (s.Match.Term, s.Reason));
        Assert.Equal("津波", "この地震による津波の心配なし".Substring(s.Match.Start, s.Match.Length));
        Assert.False(Match("津波の心配はありません").Relevant);
    }

    [Fact]
    public void Negation_only_reaches_the_term_right_before_it()
    {
        var r = Match("停電で電気なし、断水はしていない");
        Assert.Equal(["lifeline_power"], r.Categories);
        Assert.Equal("断水", Assert.Single(r.Suppressed).Match.Term);
    }

    [Fact]
    public void A_dog_on_the_lap_is_not_a_rescue_request()
    {
        var r = Match("柴犬が膝の上で寝てて動けない");
        Assert.False(r.Relevant);
        Assert.Empty(r.Categories);
        Assert.Equal("context: 膝の上", Assert.Single(r.Suppressed).Reason);
    }

    [Fact]
    public void A_weak_term_counts_next_to_a_strong_one()
    {
        var r = Match("家が倒壊して動けない");
        Assert.Equal(["rescue_request", "building_damage"], r.Categories);
        Assert.False(Match("病院に行ってきた").Relevant);
    }

    [Fact]
    public void Crowds_rushing_in_are_not_an_avalanche()
    {
        var r = Match("開店と同時に客がなだれ込んできた");
        Assert.False(r.Relevant);
        Assert.Empty(r.Hazards);
        var rain = Match("大雨の中、客がなだれ込んできた");
        Assert.Equal(["heavy_rain_flood"], rain.Hazards);
        Assert.Contains(rain.Explanation, n => n.Detail == "なだれ込 (metaphor): not hazard evidence");
        Assert.Equal(["snow"], Match("山で雪崩が発生").Hazards);
    }

    [Fact]
    public void Hypothetical_sentence_is_suppressed_but_the_next_sentence_counts()
    {
        Assert.False(Match("もし大きな地震が来たらどうしよう").Relevant);
        var r = Match("もし地震が来たらと思ってた。本当に停電した");
        Assert.Equal(["lifeline_power"], r.Categories);
        Assert.Empty(r.Hazards);
    }

    [Fact]
    public void Simile_is_not_a_report()
    {
        Assert.False(Match("花火が爆発みたいな音でびっくり").Relevant);
    }

    [Fact]
    public void Disaster_abroad_is_excluded_unless_a_local_marker_places_it_here()
    {
        Assert.Equal("トルコ", Match("トルコで大地震、死者多数").ExcludedBy);
        Assert.True(Match("台湾で地震、こっちも揺れた").Relevant);
    }

    [Fact]
    public void English_terms_respect_word_boundaries_and_inflections()
    {
        Assert.Equal(["flooding"], Match("Our street is flooded, water rising fast").Categories);
        Assert.False(Match("The ceasefire talks continue").Relevant);
        Assert.Equal(["rescue_request"], Match("Please help, we are trapped on the 2nd floor").Categories);
    }

    [Fact]
    public void Every_decision_is_explained_with_offsets()
    {
        string text = "#救助 訓練中の事故で閉じ込められています";
        var r = Match(text);
        Assert.True(r.Relevant);
        Assert.Contains(r.Explanation, n => n.Kind == GlossaryNote.Excluded && n.Detail == "訓練 (drill)" && text.Substring(n.Start, n.Length) == "訓練");
        Assert.Contains(r.Explanation, n => n.Kind == GlossaryNote.Override);
        Assert.Equal(GlossaryNote.Decision, r.Explanation[^1].Kind);
    }

    [Theory]
    [InlineData(SnsDashboard.Core.Text.PhraseSearch.FirstCharBitmap)]
    [InlineData(SnsDashboard.Core.Text.PhraseSearch.SearchValues)]
    [InlineData(SnsDashboard.Core.Text.PhraseSearch.AhoCorasick)]
    public void Every_search_engine_gives_the_same_matches(SnsDashboard.Core.Text.PhraseSearch search)
    {
        var g = new GlossarySnapshot { Version = "e", Terms = StarterGlossary.Terms, Exclusions = StarterGlossary.Exclusions, Hashtags = StarterGlossary.Hashtags, Search = search };
        foreach (var text in new[] { "避難訓練で避難所へ", "土砂くずれで道路寸断、停電中", "ﾀｽｹﾃ 2階に取り残され", "今日はいい天気", "震度6強、家が倒壊" })
        {
            var expected = GlossaryMatcher.Match(Make(text), TextNormaliser.Normalise(text), StarterGlossary);
            var actual = GlossaryMatcher.Match(Make(text), TextNormaliser.Normalise(text), g);
            Assert.Equal(expected.Matches, actual.Matches);
            Assert.Equal(expected.ExcludedBy, actual.ExcludedBy);
        }
    }
}
