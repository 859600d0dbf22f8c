using Microsoft.Playwright;

namespace SnsDashboard.Web.Tests.EndToEnd;

public class SourceAdminBrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admins_see_source_health_and_settings_and_operators_do_not()
    {
        var admin = await fx.NewPageAsync("admin");
        await admin.GotoAsync(fx.App.BaseAddress + "admin/sources");
        await Assertions.Expect(admin.GetByTestId("source-health")).ToContainTextAsync("replay");
        await Assertions.Expect(admin.GetByTestId("source-settings")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "admin-sources.png"), FullPage = true });

        var operatorPage = await fx.NewPageAsync("operator");
        await operatorPage.GotoAsync(fx.App.BaseAddress + "admin/sources");
        await Assertions.Expect(operatorPage.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(operatorPage.GetByTestId("source-settings")).ToHaveCountAsync(0);
    }
}
