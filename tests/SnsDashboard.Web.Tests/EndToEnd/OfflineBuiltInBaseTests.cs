using Microsoft.Playwright;
using static SnsDashboard.Web.Tests.EndToEnd.MapLayersTests;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>
/// Issue 6, offline with nothing imported: a fresh dashboard (its own fixture, so no other test's
/// boundary import leaks in) and a browser with every request outside the dashboard blocked. The
/// map must draw the built-in prefecture outlines (on the fallback canvas), not just demo dots on grey.
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

        // Zoomed out to all of Japan: every prefecture outline is drawn on the fallback canvas (the
        // demo places are points with labels, counted apart), land is filled, the sea left clear.
        await page.EvaluateAsync("() => { document.querySelector('#live-map')._state.map.setView([36.5, 137.5], 5, { animate: false }); return 0; }");
        await Task.Delay(800);
        await ShotAsync(page, "map-offline-built-in");
        var outlines = await DataIntAsync(page, "data-fallback-outlines");
        Assert.True(outlines >= 47, $"{outlines} prefecture outlines drawn");
        var drawn = await FallbackPixelsAsync(page, 31.0, 141.5); // the Pacific south-east of the Izu islands
        Assert.True(drawn.LandShare > 0.01, $"land colour on {drawn.LandShare:P1} of the fallback canvas");
        Assert.InRange(drawn.OutlineDarkest, 0, 215);
        Assert.Equal(0, drawn.ProbeAlpha);
        // Inland Hokkaido, away from any boundary or label: the land colour.
        var inland = await FallbackPixelsAsync(page, 43.8, 142.8);
        Assert.Equal(255, inland.ProbeAlpha);
        await page.Context.CloseAsync();
    }
}
