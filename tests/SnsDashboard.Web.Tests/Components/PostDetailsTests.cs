using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Web.Components.Shared;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Components;

public class PostDetailsTests
{
    private static async Task<string> RenderAsync(AnalysedPost item, string culture = "ja-JP")
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All)); // as the host does
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<UiLabels>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<PostDetails>(ParameterView.FromDictionary(
                new Dictionary<string, object?> { [nameof(PostDetails.Item)] = item }));
            return output.ToHtmlString();
        });
    }

    private static AnalysedPost Rescue(string text, string? url = "https://example.invalid/p/1") =>
        TestPosts.Analysed(TestPosts.Make("1", text) with { Url = url }, new PostAnalysis
        {
            Relevant = true,
            Categories = ["rescue_request"],
            Hazards = ["earthquake"],
            Matches = [new TermMatch("#救助", "rescue_request", 0, 3)],
            Reliability = new ReliabilityGrade("F", 3, 0.3, ["unknown_account", "first_hand_and_specific:2階に", "some_new_code"]),
            Location = new PostLocation
            {
                Lat = 32.79, Lon = 130.82, Level = "town", Pref = "熊本県", City = "益城町", Town = "宮園",
                Confidence = 0.8, Source = "text", Evidence = [new EvidenceSpan("益城町宮園", 4, 5)],
            },
        });

    [Fact]
    public async Task Hostile_html_in_post_text_is_rendered_as_text()
    {
        var html = await RenderAsync(Rescue(TestPosts.HostileText));
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;img src=x onerror=", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Matches_are_highlighted_and_the_grade_location_and_reasons_shown_in_Japanese()
    {
        var html = await RenderAsync(Rescue("#救助 益城町宮園 2階に取り残されています"));
        Assert.Matches("<mark[^>]*>#救助</mark>", html);
        Assert.Contains("F3", html);
        Assert.Contains("救助要請", html);
        Assert.Contains("益城町", html);
        Assert.Contains("町丁目", html);
        Assert.Contains("「益城町宮園」", html);
        Assert.Contains("実績のないアカウント", html);
        Assert.Contains("当事者の具体的な報告（2階に）", html);
        Assert.Contains("some_new_code", html);
        Assert.Contains("元の投稿を開く", html);
    }

    [Fact]
    public async Task English_labels_when_the_culture_is_English()
    {
        var html = await RenderAsync(Rescue("#救助 益城町宮園"), "en");
        Assert.Contains("Rescue request", html);
        Assert.Contains("Open original post", html);
    }

    [Fact]
    public async Task A_javascript_url_never_becomes_a_link()
    {
        var html = await RenderAsync(Rescue("#救助", url: "javascript:alert(1)"));
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("元の投稿を開く", html);
    }

    [Fact]
    public async Task A_location_taken_from_the_same_author_or_the_profile_says_so()
    {
        var rescue = Rescue("まだ救助が来ません");
        var inherited = rescue with
        {
            Analysis = rescue.Analysis with
            {
                Location = rescue.Analysis.Location! with
                {
                    Source = "author", Confidence = 0.32,
                    Evidence = [new EvidenceSpan("同じ投稿者の40分前の投稿 p0:「益城町宮園」", -1, 0)],
                },
            },
        };
        var html = await RenderAsync(inherited);
        Assert.Contains("data-testid=\"location-source\"", html);
        Assert.Contains("同じ投稿者の直前の位置付き投稿から推定", html);
        Assert.Contains("40分前の投稿 p0", html);

        var profile = rescue with { Analysis = rescue.Analysis with { Location = rescue.Analysis.Location! with { Source = "profile", Evidence = [] } } };
        Assert.Contains("プロフィールの所在地から推定", await RenderAsync(profile));
        Assert.DoesNotContain("location-source", await RenderAsync(rescue));
    }
}
