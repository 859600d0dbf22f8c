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
        var details = await OpenAnyPostOnTheMapAsync(page);
        await details.Locator("[data-testid=location-correction] summary").ClickAsync();
        await details.Locator("[data-testid=correct-lat]").FillAsync("32.786");
        await details.Locator("[data-testid=correct-lon]").FillAsync("130.768");
        await details.Locator("[data-testid=correct-point]").ClickAsync();
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("熊本市東区", new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "post-location-corrected.png") });
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("訂正者");
    }

    [Fact]
    public async Task An_analyst_sets_a_post_location_by_clicking_the_map_confirms_it_and_the_marker_moves()
    {
        var page = await fx.NewPageAsync("analyst");
        var details = await OpenAnyPostOnTheMapAsync(page);
        await details.Locator("[data-testid=location-correction] summary").ClickAsync();
        await details.Locator("[data-testid=pick-on-map]").ClickAsync();
        await Assertions.Expect(details.Locator("[data-testid=map-pick-hint]")).ToBeVisibleAsync();
        var map = page.Locator("#live-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-picking", "true");

        // Click a free spot of 熊本市東区 (no marker under the cursor, or the marker would take the click).
        await page.EvaluateAsync("() => { document.getElementById('live-map')._state.map.setView([32.7755, 130.7770], 15, { animate: false }); }");
        await Task.Delay(800);
        var point = await page.EvaluateAsync<double[]>(@"() => {
            const el = document.getElementById('live-map'), map = el._state.map, box = el.getBoundingClientRect();
            for (let dy = 0; dy < 200; dy += 23) for (let dx = 0; dx < 200; dx += 29) {
                const p = map.latLngToContainerPoint([32.7755, 130.7770]);
                const x = box.left + p.x + dx, y = box.top + p.y + dy;
                const hit = document.elementFromPoint(x, y);
                if (hit && !hit.closest('.leaflet-marker-icon, .leaflet-control, .marker-cluster')) {
                    const ll = map.containerPointToLatLng([p.x + dx, p.y + dy]);
                    return [x, y, ll.lat, ll.lng];
                }
            }
            return [];
        }");
        Assert.Equal(4, point.Length);
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);

        var confirmation = details.Locator("[data-testid=map-point-confirmation]");
        await Assertions.Expect(confirmation).ToContainTextAsync("熊本市東区", new() { Timeout = 10_000 });
        await Assertions.Expect(map).Not.ToHaveAttributeAsync("data-picking", "true");
        Assert.Equal(1, await page.Locator(".pick-preview").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "post-location-map-click-confirm.png") });
        // Nothing is stored before the analyst confirms.
        Assert.Equal(0, await details.Locator("[data-testid=corrected-location]").CountAsync());

        await details.Locator("[data-testid=confirm-map-point]").ClickAsync();
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("熊本市東区", new() { Timeout = 10_000 });
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("訂正者");
        await Assertions.Expect(details.Locator("[data-testid=corrected-location]")).ToContainTextAsync("analyst");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-last-moved-post", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        var moved = await page.EvaluateAsync<double[]>("() => { const el = document.getElementById('live-map'); " +
            "const m = el._state.markers.get(Number(el.dataset.lastMovedPost)); const ll = m.getLatLng(); return [ll.lat, ll.lng]; }");
        Assert.Equal(point[2], moved[0], 4);
        Assert.Equal(point[3], moved[1], 4);
        Assert.Equal(0, await page.Locator(".pick-preview").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "post-location-map-click-moved.png") });
    }

    /// <summary>Opens the details of some post on the live map (clicking markers or clusters while the replay runs).</summary>
    private async Task<ILocator> OpenAnyPostOnTheMapAsync(IPage page)
    {
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
            // The cluster layer re-draws while the replay runs: click again. Playwright reports a
            // click that found no stable element in time as System.TimeoutException, not PlaywrightException.
            catch (Exception e) when (e is PlaywrightException or TimeoutException) { }
            await Task.Delay(700);
        }
        return details;
    }
}
