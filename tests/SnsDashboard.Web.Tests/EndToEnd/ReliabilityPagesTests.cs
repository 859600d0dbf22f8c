using Microsoft.Playwright;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

public class ReliabilityPagesTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });

    [Fact]
    public async Task Analyst_sees_the_registry_and_a_bad_csv_is_refused_with_line_numbers()
    {
        var page = await fx.NewPageAsync("analyst");
        await page.GotoAsync(fx.App.BaseAddress + "registries");
        await Assertions.Expect(page.Locator("[data-testid=registry-table]")).ToContainTextAsync("気象庁");
        await Task.Delay(3000); // the interactive circuit replaces the prerendered page; earlier input is lost
        var version = await page.Locator("[data-testid=registry-version]").InnerTextAsync();
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("source,account_id,name,kind,sector,confirmed_reports,refuted_reports\nx,a,A,official,,,\nx,a,B,media,,,\nnowhere,b,C,king,,,\n"),
        });
        await Assertions.Expect(page.Locator("[data-testid=registry-errors]")).ToContainTextAsync("line 3");
        await Assertions.Expect(page.Locator("[data-testid=registry-errors]")).ToContainTextAsync("unknown source");
        Assert.Equal(version, await page.Locator("[data-testid=registry-version]").InnerTextAsync());
        await ShotAsync(page, "registries");
    }
}
