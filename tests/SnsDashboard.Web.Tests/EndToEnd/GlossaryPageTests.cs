using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Text;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

public class GlossaryPageTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture fx;

    public GlossaryPageTests(BrowserFixture fixture)
    {
        fx = fixture;
        // The shared two-core machine is slow under load; a circuit round trip can exceed the 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    internal static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = false });

    private bool LiveRelevant(string text) => LiveRelevant(fx.App, text);

    /// <summary>Whether the host's published (live) glossary finds <paramref name="text"/> relevant.</summary>
    internal static bool LiveRelevant(RunningDashboard app, string text)
    {
        var glossary = app.Services.GetRequiredService<SnapshotHolder>().Current.Glossary;
        var post = TestPosts.Make("probe", text, DateTimeOffset.UtcNow, 0, 0);
        return GlossaryMatcher.Match(post, TextNormaliser.Normalise(text), glossary).Relevant;
    }

    // Clicks land before the circuit is interactive on a freshly loaded page: retry until it reacts.
    internal static async Task ClickUntilAsync(ILocator button, ILocator appears)
    {
        for (int i = 0; i < 20 && !await appears.IsVisibleAsync(); i++)
        {
            await button.ClickAsync();
            await Task.Delay(400);
        }
        await Assertions.Expect(appears).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_analyst_adds_a_term_previews_publishes_diffs_and_rolls_back()
    {
        var page = await fx.NewPageAsync("analyst");
        await page.GotoAsync(fx.App.BaseAddress + "glossary");
        await Assertions.Expect(page.GetByTestId("published-version")).ToContainTextAsync("v1");
        await Assertions.Expect(page.GetByTestId("terms")).ToContainTextAsync("閉じ込め");
        Assert.False(LiveRelevant("球磨川で鉄砲水が出た"));

        await ClickUntilAsync(page.GetByTestId("add-term"), page.GetByTestId("term-form"));
        await page.Locator("input[name=form-term]").FillAsync("鉄砲水");
        await page.Locator("select[name=form-category]").SelectOptionAsync("flooding");
        await page.Locator("input[name=form-weight]").FillAsync("2.5");
        await page.Locator("input[name=form-variants]").FillAsync("てっぽう水");
        await page.GetByTestId("save-term").ClickAsync();
        await ShotAsync(page, "glossary-term-saved");
        await Assertions.Expect(page.GetByTestId("dirty")).ToBeVisibleAsync();
        await page.Locator("input[name=term-search]").FillAsync("鉄砲");
        await Assertions.Expect(page.GetByTestId("terms")).ToContainTextAsync("てっぽう水");
        await ShotAsync(page, "glossary-terms");

        await page.GetByTestId("tab-Preview").ClickAsync();
        await page.GetByTestId("run-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ShotAsync(page, "glossary-preview");

        // Publishing without a comment is refused; the live version stays.
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"));
        await Assertions.Expect(page.GetByTestId("published-version")).ToContainTextAsync("v1");

        await page.Locator("input[name=publish-comment]").FillAsync("鉄砲水の報告が増えたため");
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("published-version")).ToContainTextAsync("v2");
        Assert.True(LiveRelevant("球磨川で鉄砲水が出た"));

        await page.GetByTestId("tab-History").ClickAsync();
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("鉄砲水の報告が増えたため");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("demo-analyst");
        await page.GetByTestId("diff").ClickAsync();
        await Assertions.Expect(page.GetByTestId("diff-result")).ToContainTextAsync("+ 鉄砲水");
        await ShotAsync(page, "glossary-history-diff");

        await page.GetByTestId("rollback-1").ClickAsync();
        await Assertions.Expect(page.GetByTestId("published-version")).ToContainTextAsync("v3");
        Assert.False(LiveRelevant("球磨川で鉄砲水が出た"));
        var versions = await fx.App.Services.GetRequiredService<IGlossaryStore>().ListAsync();
        Assert.Equal((GlossaryVersionKinds.Rollback, 1), (versions[0].Kind, versions[0].BasedOn));
    }

    [Fact]
    public async Task Bad_bulk_paste_adds_nothing_and_names_the_line_and_x_rules_are_shown()
    {
        var page = await fx.NewPageAsync("analyst");
        await page.GotoAsync(fx.App.BaseAddress + "glossary");
        await ClickUntilAsync(page.GetByTestId("tab-BulkPaste"), page.GetByTestId("paste"));
        await page.GetByTestId("paste").FillAsync("鉄砲水\theavy_rain_flood\t2.5\nか\t-\t1\n<img src=x onerror=alert(1)>\tlava\t1");
        await page.GetByTestId("paste-add").ClickAsync();
        var issues = page.GetByTestId("issues");
        await Assertions.Expect(issues).ToContainTextAsync("paste:2");
        await Assertions.Expect(issues).ToContainTextAsync("paste:3");
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        await Assertions.Expect(page.GetByTestId("dirty")).Not.ToBeVisibleAsync();
        await ShotAsync(page, "glossary-bulk-paste-refused");

        await page.GetByTestId("tab-XRules").ClickAsync();
        await Assertions.Expect(page.GetByTestId("x-rules")).ToContainTextAsync("glossary-rescue_request-1");
        await ShotAsync(page, "glossary-x-rules");
    }

    [Fact]
    public async Task Operators_do_not_get_the_glossary_page()
    {
        var page = await fx.NewPageAsync("operator");
        await page.GotoAsync(fx.App.BaseAddress + "glossary");
        await Assertions.Expect(page.GetByTestId("terms")).Not.ToBeVisibleAsync();
        Assert.DoesNotContain("glossary", await page.Locator("header nav").InnerHTMLAsync());
    }
}
