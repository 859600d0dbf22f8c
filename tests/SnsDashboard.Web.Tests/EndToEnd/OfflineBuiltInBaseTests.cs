using Microsoft.Playwright;
using static SnsDashboard.Web.Tests.EndToEnd.MapLayersTests;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>
/// Issue 6, offline with nothing imported: a fresh dashboard (its own fixture, so no other test's
/// boundary import leaks in) and a browser with every request outside the dashboard blocked. The
/// map must draw the built-in prefecture outlines, not just demo dots on grey.
/// Screenshot: test-output/screenshots/map-offline-built-in.png.
/// </summary>
public class OfflineBuiltInBaseTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task With_no_network_and_no_imported_boundaries_the_map_draws_prefecture_outlines()
    {
        var page = await OpenMapWithoutNetworkAsync(fx);
        await Assertions.Expect(page.Locator("[data-testid=no-layers]")).ToBeVisibleAsync();
        await WaitForAsync(async () => await DataIntAsync(page, "data-fallback-features") > 47, 10_000, "fallback base loaded");
        await Assertions.Expect(page.Locator("[data-testid=layer-legend]")).ToContainTextAsync("国土数値情報（行政区域データ）");

        // Zoomed out to all of Japan: every prefecture outline is a polygon path (straight segments;
        // the demo places are circle markers drawn with arcs) in the fallback pane.
        await page.EvaluateAsync("() => { document.querySelector('#live-map')._state.map.setView([36.5, 137.5], 5, { animate: false }); return 0; }");
        await Task.Delay(800);
        await ShotAsync(page, "map-offline-built-in");
        var outlines = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.leaflet-fallback-pane path')].map(p => p.getAttribute('d') || '').filter(d => d.includes('L') && !d.includes('a')).length");
        Assert.True(outlines >= 47, $"{outlines} prefecture outline paths drawn");
        await page.Context.CloseAsync();
    }
}
