using Microsoft.Playwright;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Web.Components.Pages.LiveMap;

namespace SnsDashboard.Web.Tests.EndToEnd;

public class LocationPrecisionTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(LocationLevels.Exact, "geotag", 0)]
    [InlineData(LocationLevels.Landmark, "text", 0)]
    [InlineData(LocationLevels.Town, "text", 700)]
    [InlineData(LocationLevels.Municipality, "text", 5_000)]
    [InlineData(LocationLevels.Municipality, "profile", 5_000)]
    [InlineData(LocationLevels.Prefecture, "text", 30_000)]
    public void Coarse_locations_get_an_area_radius_and_exact_ones_a_pin(string level, string source, int metres) =>
        Assert.Equal(metres, MapMarkers.PrecisionMetres(new PostLocation { Lat = 32.8, Lon = 130.7, Level = level, Source = source }));

    [Fact]
    public async Task Municipality_level_posts_are_drawn_as_areas_not_pins()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "map");
        var map = page.Locator("#live-map");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (int.Parse(await map.GetAttributeAsync("data-area-count") ?? "0") == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no area circles drawn");
            await Task.Delay(250);
        }
        await Assertions.Expect(page.Locator(".post-dot-area").First).ToBeAttachedAsync();
        await page.EvaluateAsync("() => document.getElementById('live-map')._state.map.setView([32.78, 130.76], 11, { animate: false })");
        await Task.Delay(800);
        Assert.True(await page.Locator("path.leaflet-interactive, .leaflet-overlay-pane path").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "live-map-location-precision.png") });
    }
}
