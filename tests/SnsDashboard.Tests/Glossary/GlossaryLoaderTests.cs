using SnsDashboard.Core.Glossary;

namespace SnsDashboard.Tests.Glossary;

public class GlossaryLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glossary-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_dir, file), text);

    private IReadOnlyList<GlossaryIssue> Errors()
    {
        var (snapshot, issues) = GlossaryLoader.ReadDirectory(_dir);
        Assert.Null(snapshot); // any error refuses the whole glossary
        return issues.Where(i => i.IsError).ToList();
    }

    [Fact]
    public void Every_bad_line_is_reported_with_file_line_and_term_not_only_the_first()
    {
        Write("fire.tsv", "# c\n火事\tfire\t2\n延焼\tlava\t2\n黒煙\t-\theavy\n");
        var errors = Errors();
        Assert.Equal(["fire.tsv:3: error: '延焼': unknown hazard 'lava'", "fire.tsv:4: error: '黒煙': weight 'heavy' is not a number between 0 and 10"],
            errors.Select(e => e.ToString().Split(" (expected")[0]));
    }

    [Fact]
    public void A_spelling_in_two_concepts_is_an_error_naming_both_places()
    {
        Write("fire.tsv", "火事\tfire\t2\n");
        Write("casualties.tsv", "けが人\t-\t2\t火事\n");
        var e = Assert.Single(Errors());
        Assert.Equal(("fire.tsv", 1, "火事"), (e.File, e.Line, e.Term));
        Assert.Contains("casualties.tsv:1", e.Message);
    }

    [Fact]
    public void Katakana_and_hiragana_spellings_are_the_same_spelling()
    {
        Write("fire.tsv", "火事\tfire\t2\tカジダ\n");
        Write("lifeline_power.tsv", "停電\t-\t2\tかじだ\n");
        Assert.Contains("already used by '火事'", Assert.Single(Errors()).Message);
    }

    [Theory]
    [InlineData("か", "single kana")]
    [InlineData("ｶ", "single kana")]
    [InlineData("x", "single kana or letter")]
    [InlineData("🔥", "empty once normalised")]
    public void Useless_spellings_are_refused(string spelling, string reason)
    {
        Write("fire.tsv", $"火事\tfire\t2\t{spelling}\n");
        Assert.Contains(reason, Assert.Single(Errors()).Message);
    }

    [Fact]
    public void An_absurdly_long_term_is_refused()
    {
        Write("fire.tsv", string.Concat(Enumerable.Repeat("避難所", 14)) + "\tfire\t2\n");
        Assert.Contains("42 characters", Assert.Single(Errors()).Message);
    }

    [Fact]
    public void Duplicate_terms_exclusions_and_hashtags_are_refused()
    {
        Write("fire.tsv", "火事\tfire\t2\n火事\tfire\t3\n");
        Write("exclusions.tsv", "訓練\tdrill\n訓練\tdrill\n火事\tdrill\n");
        Write("hashtags.tsv", "#救助\trescue_request\t-\tcritical\n#救助\trescue_request\t-\tcritical\n");
        var messages = Errors().Select(e => $"{e.File}:{e.Line} {e.Message}").ToList();
        Assert.Contains(messages, m => m.StartsWith("fire.tsv:2 the term is defined twice"));
        Assert.Contains(messages, m => m.StartsWith("exclusions.tsv:2 the exclusion is listed twice"));
        Assert.Contains(messages, m => m.StartsWith("exclusions.tsv:3 the exclusion is also a term spelling"));
        Assert.Contains(messages, m => m.StartsWith("hashtags.tsv:2 the hashtag is listed twice"));
    }

    [Fact]
    public void Windowed_exclusions_may_share_a_spelling_with_nothing_but_are_checked_for_kind()
    {
        Write("fire.tsv", "火事\tfire\t2\n");
        Write("exclusions.tsv", "の心配なし\tnegation\nもし\thypothetical\nよう\tsometimes\n");
        var e = Assert.Single(Errors());
        Assert.Equal(("exclusions.tsv", 3), (e.File, e.Line));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_named()
    {
        File.WriteAllBytes(Path.Combine(_dir, "fire.tsv"), GlossaryFiles.ShiftJis.GetBytes("火事\tfire\t2\n"));
        var e = Assert.Single(Errors());
        Assert.Equal(("fire.tsv", 1), (e.File, e.Line));
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Optional_columns_carry_contexts_and_sub_category()
    {
        Write("rescue_request.tsv", "動けない\t-\t0.8\t動けません\t膝の上|猫\ttrapped\n");
        var t = Assert.Single(GlossaryLoader.LoadDirectory(_dir).Terms);
        Assert.Equal(["膝の上", "猫"], t.Contexts);
        Assert.Equal(("trapped", true, "rescue_request.tsv:1"), (t.SubCategory, t.IsWeak, t.Origin));
    }

    [Fact]
    public void The_baseline_folder_loads_with_hundreds_of_terms_in_every_category_and_english_terms()
    {
        var (snapshot, issues) = GlossaryLoader.ReadDirectory(TestPosts.GlossaryDir());
        Assert.NotNull(snapshot);
        Assert.DoesNotContain(issues, i => i.IsError);
        Assert.True(snapshot.Terms.Count >= 300, $"{snapshot.Terms.Count} terms");
        foreach (var category in SnsDashboard.Core.Analysis.Taxonomy.Categories)
        {
            var terms = snapshot.Terms.Where(t => t.Category == category).ToList();
            Assert.True(terms.Count >= 6, $"{category}: {terms.Count} terms");
            Assert.Contains(terms, t => t.Spellings.Any(s => s.All(char.IsAscii)));
        }
        foreach (var kind in ExclusionKinds.All) Assert.Contains(snapshot.Exclusions, e => e.Kind == kind);
    }
}
