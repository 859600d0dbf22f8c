using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Replay;

namespace SnsDashboard.Tests.Replay;

public class ScenarioFileTests
{
    public static TheoryData<string> Scenarios => new() { "kumamoto-earthquake.jsonl", "kyushu-heavy-rain.jsonl" };

    /// <summary>Words any disaster-related post of ours would contain; false friends avoid them.</summary>
    private static readonly string[] DisasterWords =
    [
        "救助", "震度", "倒壊", "停電", "断水", "避難所", "通行止め", "火事", "火災", "浸水", "冠水", "氾濫", "土砂", "余震",
        "被害", "警報", "大雨", "揺れた", "デマ", "水没", "決壊", "孤立", "下敷き", "閉じ込め", "earthquake", "flood",
    ];

    private static readonly string[] OfficialIds =
    [
        "x-jma", "x-kumamoto-pref", "x-kumamoto-city", "x-mashiki-town", "x-hitoyoshi-city", "x-kurume-city", "x-takeo-city",
        "x-kyuden-td", "x-jr-kyushu", "x-nhk-news", "x-kkt-news", "x-nishinippon",
    ];

    private static List<Post> Load(string file)
    {
        var lines = ScenarioReader.ReadFile(ScenarioPaths.Scenario(file)).ToList();
        Assert.All(lines, l => Assert.True(l.Result.Success, $"{file}:{l.LineNumber}: {l.Result.Error}"));
        return lines.Select(l => l.Result.Post!).ToList();
    }

    [Theory, MemberData(nameof(Scenarios))]
    public void Committed_scenario_parses_without_errors_and_spans_two_to_four_hours(string file)
    {
        var posts = Load(file);

        Assert.InRange(posts.Count, 2000, 5000);
        Assert.All(posts, p => Assert.Equal(TimeSpan.FromHours(9), p.CreatedAt.Offset));
        Assert.True(posts.Zip(posts.Skip(1)).All(pair => pair.First.CreatedAt <= pair.Second.CreatedAt), "not sorted by created_at");
        Assert.InRange((posts[^1].CreatedAt - posts[0].CreatedAt).TotalHours, 2, 4);
        Assert.Equal(posts.Count, posts.Select(p => p.Key).Distinct().Count());
    }

    [Theory, MemberData(nameof(Scenarios))]
    public void Committed_scenario_has_the_required_mix(string file)
    {
        var posts = Load(file);
        var ids = posts.Select(p => p.Key).ToHashSet();

        Assert.True(posts.Count(p => p.Text.Contains("#救助") && !p.IsRepost) > 20, "too few #救助 requests");
        var officials = posts.Where(p => OfficialIds.Contains(p.Author.Id)).ToList();
        Assert.True(officials.Select(p => p.Author.Id).Distinct().Count() >= 6, "too few official accounts");
        Assert.All(officials, p => Assert.True(p.Author.Verified == true && p.Author.VerifiedKind is "government" or "business"));
        Assert.Contains(officials, p => p.Text.Contains("デマ") || p.Text.Contains("事実ではありません"));

        var reposts = posts.Where(p => p.IsRepost).ToList();
        Assert.True(reposts.Count > 50);
        Assert.All(reposts, r =>
        {
            Assert.StartsWith("RT @", r.Text);
            Assert.Contains(new PostKey(r.Source, r.RepostOfId!), ids);
        });

        var copyGroups = posts.Where(p => !p.IsRepost).GroupBy(p => p.Text)
            .Where(g => g.Select(p => p.Author.Id).Distinct().Count() >= 2).Select(g => g.Key).ToList();
        Assert.Contains(copyGroups, t => t.Contains("#救助"));
        Assert.Contains(copyGroups, t => t.Contains("らしい"));

        var unrelated = posts.Count(p => !DisasterWords.Any(w => p.Text.Contains(w, StringComparison.OrdinalIgnoreCase)));
        Assert.True(unrelated >= posts.Count * 0.55, $"only {unrelated} of {posts.Count} posts are unrelated");

        Assert.Contains(posts, p => p.Lang == "en");
        Assert.Contains(posts, p => p.Geo is { Kind: "exact" });
        Assert.Contains(posts, p => p.Media.Any(m => m.Type == "image"));
        Assert.Contains(posts, p => p.Text.Contains("<img src=x onerror=alert(1)>"));
        Assert.Contains(posts, p => p.Text.Contains("<script>"));
        Assert.Contains(posts, p => p.Author.RegisteredReporterId is not null);
        Assert.Contains(posts, p => p.Author.AccountCreatedAt > posts[0].CreatedAt);   // accounts created during the event
        foreach (var source in new[] { "x", "bluesky", "mastodon:mstdn.example.jp", "misskey:misskey.example.jp" })
            Assert.Contains(posts, p => p.Source == source);
        Assert.True(posts.Count(p => p.Source == "x") > posts.Count / 2);
    }

    [Fact]
    public void Kumamoto_scenario_has_a_foreshock_and_a_shindo_7_main_shock_in_mashiki()
    {
        var jma = Load("kumamoto-earthquake.jsonl").Where(p => p.Author.Id == "x-jma" && p.Text.StartsWith("【震度速報】")).ToList();
        Assert.Equal(2, jma.Count);
        Assert.Contains("震度6強：熊本県 益城町", jma[0].Text);
        Assert.Contains("震度7：熊本県 益城町", jma[1].Text);
    }

    [Fact]
    public void Kyushu_scenario_names_the_flooded_towns()
    {
        var text = string.Join("\n", Load("kyushu-heavy-rain.jsonl").Select(p => p.Text));
        foreach (var place in new[] { "人吉市", "球磨村", "八代市坂本町", "芦北町", "久留米市", "大牟田市", "武雄市", "大町町", "日田市", "朝倉市", "【大雨特別警報】" })
            Assert.Contains(place, text);
    }
}
