using System.Text;
using SnsDashboard.Cli.Commands;
using SnsDashboard.Core.Glossary;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Glossary;

public class GlossaryExchangeTests
{
    private static GlossaryContent Baseline => GlossaryContent.Of(StarterGlossary);

    [Fact]
    public void Json_csv_and_folder_exports_read_back_to_the_same_glossary()
    {
        var issues = new List<GlossaryIssue>();
        Assert.True(GlossaryDiff.Compare(Baseline, GlossaryFiles.FromJson(GlossaryFiles.ToJson(Baseline), "x.json", issues)!).IsEmpty);
        Assert.True(GlossaryDiff.Compare(Baseline, GlossaryFiles.FromCsv(GlossaryFiles.ToCsv(Baseline), "x.csv", issues)!).IsEmpty);
        var folder = GlossaryFiles.ToFolder(Baseline).Select(f => (f.File, (IReadOnlyList<string>)f.Text.Split('\n')));
        Assert.True(GlossaryDiff.Compare(Baseline, GlossaryLoader.Parse(folder, issues)).IsEmpty);
        Assert.Empty(issues);
    }

    [Fact]
    public void Shift_jis_csv_from_excel_is_decoded_and_bytes_in_neither_encoding_are_refused()
    {
        var issues = new List<GlossaryIssue>();
        var sjis = GlossaryFiles.ToCsvBytes(Baseline, shiftJis: true);
        Assert.Contains("閉じ込め", GlossaryFiles.DecodeCsv(sjis, "sjis.csv", issues));
        Assert.Contains("閉じ込め", GlossaryFiles.DecodeCsv(GlossaryFiles.ToCsvBytes(Baseline, shiftJis: false), "utf8.csv", issues));
        Assert.Empty(issues);
        Assert.Null(GlossaryFiles.DecodeCsv([0x82, 0xA0, 0xFF, 0xFF, 0x81], "broken.csv", issues));
        Assert.Contains("neither UTF-8 nor Shift_JIS", Assert.Single(issues).Message);
    }

    [Fact]
    public void Csv_rows_with_bad_fields_are_named_by_line_and_formula_cells_are_defused()
    {
        var issues = new List<GlossaryIssue>();
        string csv = string.Join(',', GlossaryFiles.CsvHeader) + "\r\n" +
                     "term,fire,火事,fire,heavy,,,,,\r\n" +
                     "banana,fire,x,,1,,,,,\r\n";
        GlossaryFiles.FromCsv(csv, "in.csv", issues);
        Assert.Equal(["in.csv:2: error: '火事': weight 'heavy' is not a number", "in.csv:3: error: 'x': unknown type 'banana' (expected term, exclusion or hashtag)"],
            issues.Select(i => i.ToString()));
        var hostile = new GlossaryContent("h", [new GlossaryTerm("=HYPERLINK(\"x\")", "fire", [], 1, [])], [], []);
        Assert.Contains("'=HYPERLINK", GlossaryFiles.ToCsv(hostile));
    }

    [Fact]
    public void X_rules_respect_count_and_length_limits_put_rescue_first_and_report_what_did_not_fit()
    {
        var set = XRuleCompiler.Compile(Baseline, new XRuleLimits { MaxRules = 5, MaxRuleLength = 200 });
        Assert.Equal(5, set.Rules.Count);
        Assert.All(set.Rules, r => Assert.True(r.Value.Length <= 200, r.Value));
        Assert.All(set.Rules, r => Assert.EndsWith(" -is:retweet", r.Value));
        Assert.StartsWith("glossary-rescue_request-", set.Rules[0].Tag);
        Assert.Contains("#救助", set.Rules[0].Value);
        Assert.Contains(set.Omitted, o => o.Reason == "rule limit of 5 reached");
        Assert.Contains(set.Omitted, o => o.Spelling == "#〇〇市災害" && o.Reason.StartsWith("place-name pattern"));
        Assert.Contains(set.Omitted, o => o.Spelling == "動けない" && o.Reason.StartsWith("weak term"));
        // Every strong spelling is either in a rule or reported.
        var inRules = string.Join(" ", set.Rules.Select(r => r.Value));
        foreach (var t in Baseline.Terms.Where(t => !t.IsWeak))
            foreach (var s in t.Spellings)
                Assert.True(inRules.Contains($"\"{s}\"") || set.Omitted.Any(o => o.Spelling == $"\"{s}\"") || Baseline.Terms.Count(x => x.Spellings.Contains(s, StringComparer.OrdinalIgnoreCase)) > 1, s);
    }

    [Theory]
    [InlineData("たすけて", "タスケテ")]
    [InlineData("ガスくさい", null)]          // both scripts mixed
    [InlineData("ライフライン", "らいふらいん")]
    [InlineData("すごーい", "スゴーイ")]      // the long-vowel mark stays
    [InlineData("川があふれ", null)]           // kanji: not how people write it
    [InlineData("でま", null)]                 // too short to be safe
    [InlineData("ヶ月ぶり", null)]
    [InlineData("flood", null)]
    public void Other_kana_spelling_only_where_safe(string spelling, string? expected) =>
        Assert.Equal(expected, XRuleCompiler.OtherKanaSpelling(spelling));

    [Fact]
    public void X_rules_carry_the_other_kana_spelling_of_strong_terms_within_the_limits()
    {
        var glossary = new GlossaryContent("t",
        [
            new GlossaryTerm("助けて", "rescue_request", [], 3, ["たすけて"]),
            new GlossaryTerm("ライフライン", "lifeline_power", [], 2, []),
            new GlossaryTerm("ピンチ", "rescue_request", [], 0.5, []),   // weak: neither form
            new GlossaryTerm("タスケテ", "rescue_request", [], 3, []),   // already a glossary spelling: not twice
        ], [], []);
        var rules = string.Join("\n", XRuleCompiler.Compile(glossary, new XRuleLimits()).Rules.Select(r => r.Value));
        Assert.Contains("\"らいふらいん\"", rules);
        Assert.Equal(1, rules.Split("\"タスケテ\"").Length - 1);
        Assert.DoesNotContain("ぴんち", rules);

        // Tight limits: the glossary's own spellings are kept, the added forms are what is left out.
        var tight = XRuleCompiler.Compile(glossary with { Terms = glossary.Terms.Take(1).ToList() }, new XRuleLimits { MaxRules = 1, MaxRuleLength = 32 });
        var value = Assert.Single(tight.Rules).Value;
        Assert.Contains("\"助けて\"", value);
        Assert.Contains("\"たすけて\"", value);
        Assert.Contains(tight.Omitted, o => o.Spelling == "\"タスケテ\"");
        Assert.All(tight.Rules, r => Assert.True(r.Value.Length <= 32, r.Value));
    }

    [Fact]
    public void With_generous_limits_everything_strong_fits_in_a_few_rules()
    {
        var set = XRuleCompiler.Compile(Baseline, new XRuleLimits());
        Assert.InRange(set.Rules.Count, 1, 30);
        Assert.DoesNotContain(set.Omitted, o => o.Reason.StartsWith("rule limit"));
    }

    [Fact]
    public async Task Cli_validate_names_file_line_and_term_and_fails_with_exit_1()
    {
        string dir = Directory.CreateTempSubdirectory("glossary-cli-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "fire.tsv"), "火事\tfire\t2\nか\tfire\t1\n");
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            Assert.Equal(1, await GlossaryCommand.RunAsync(["validate", dir], stdout, stderr));
            Assert.Contains("fire.tsv:2: error: 'か':", stderr.ToString());
            Assert.Equal(0, await GlossaryCommand.RunAsync(["validate", GlossaryDir()], stdout, new StringWriter()));
            Assert.Contains("OK", stdout.ToString());

            var rules = new StringWriter();
            Assert.Equal(0, await GlossaryCommand.RunAsync(["rules", "--dir", GlossaryDir(), "--max-rules", "3"], rules, new StringWriter()));
            Assert.Equal(3, rules.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            string csv = Path.Combine(dir, "out.csv");
            Assert.Equal(0, await GlossaryCommand.RunAsync(["export", "--dir", GlossaryDir(), "--format", "csv-sjis", "--out", csv], stdout, stderr));
            var issues = new List<GlossaryIssue>();
            Assert.Contains("救助", GlossaryFiles.DecodeCsv(File.ReadAllBytes(csv), "out.csv", issues));
        }
        finally { Directory.Delete(dir, true); }
    }
}
