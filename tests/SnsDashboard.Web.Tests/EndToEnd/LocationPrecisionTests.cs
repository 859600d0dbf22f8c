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
        await page.EvaluateAsync("() => { document.getElementById('live-map')._state.map.setView([32.78, 130.76], 11, { animate: false }); }");
        await Task.Delay(800);
        // The precision circles share one canvas (issue 6 performance): it must carry painted pixels.
        var painted = await page.EvaluateAsync<int>("""
            () => { const c = document.querySelector('.leaflet-overlay-pane canvas'); if (!c) return 0;
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }
            """);
        Assert.True(painted > 100, $"{painted} painted pixels of precision circles");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "live-map-location-precision.png") });
    }

    [Fact]
    public async Task An_analyst_corrects_a_post_location_and_sees_it_marked_as_corrected()
    {
        var page = await fx.NewPageAsync("analyst");
        await page.GotoAsync(fx.App.BaseAddress + "map");
        var details = page.Locator("[data-testid=post-details]");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await details.IsVisibleAsync())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no post opened");
            var marker = page.Locator(".post-marker").First;
            try
            {
                if (await marker.IsVisibleAsync()) await marker.ClickAsync(new() { Timeout = 3_000 });
                else if (await page.Locator(".marker-cluster").CountAsync() > 0) await page.Locator(".marker-cluster").First.ClickAsync(new() { Timeout = 3_000 });
            }
            catch (PlaywrightException) { } // the cluster layer re-draws while the replay runs: click again
            await Task.Delay(700);
        }
        await details.Locator("[data-testid=location-correction] summary").ClickAsync();
        await details.Locator("[data-testid=correct-lat]").FillAsync("32.786");
        await details.Locator("[data-testid=correct-lon]").FillAsync("130.768");
        await details.Locator("[data-testid=correct-point]").ClickAsync();
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("熊本市東区", new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "post-location-corrected.png") });
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("訂正者");
    }
}
