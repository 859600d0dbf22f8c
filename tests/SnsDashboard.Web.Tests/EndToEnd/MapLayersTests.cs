using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Maps;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>
/// Issue 6 end to end: import the shared shelter, hazard and boundary files, see them with
/// provenance under the live posts, filter posts by hazard zone, play back, and a readable map
/// with no network at all. Screenshots: test-output/screenshots/map-layers-*.png.
/// </summary>
public class MapLayersTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private static string Shared(string relative) => SnsDashboard.TestData.SharedOpenData.File(relative);

    internal static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });

    internal static async Task<int> DataIntAsync(IPage page, string attribute) =>
        int.TryParse(await page.Locator("#live-map").GetAttributeAsync(attribute), out var n) ? n : -1;

    internal static async Task WaitForAsync(Func<Task<bool>> condition, int timeoutMs, string what)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(200);
        }
    }

    private async Task<LayerRecord> ImportAsync(string path, LayerImportRequest? request = null)
    {
        var catalogue = fx.App.Services.GetRequiredService<ILayerCatalogue>();
        await using var s = File.OpenRead(path);
        var record = await catalogue.AddAsync(LayerImporter.Import(path, s, request ?? new(), new LayerImportLimits()), DateTimeOffset.UtcNow);
        await fx.App.Services.GetRequiredService<SpatialContextHolder>().RebuildAsync();
        return record;
    }

    internal static async Task GotoMapAsync(IPage page, Uri app)
    {
        await page.GotoAsync(app + "map");
        await page.Locator("[data-testid=base-mode]").WaitForAsync(new() { Timeout = 30_000 });
        // The circuit is live once the panel has attached (layers listed or "no layers").
        await WaitForAsync(async () => await page.Locator("#live-map").GetAttributeAsync("data-base-mode") is not null, 30_000, "base map set up");
    }

    [Fact]
    public async Task Operator_imports_layers_sees_provenance_and_filters_posts_by_hazard_zone()
    {
        var boundaries = await ImportAsync(Shared("boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0010/N03-21_43_210101.json"));
        var shelters = await ImportAsync(Shared("shelters/gsi-via-motohasystem-jp-shelter-api/emergency/434434.json"));
        await ImportAsync(Shared("hazard/plateau-22203-numazu-2021/udx/lsld/523856_lsld_6668_op.gml"));

        // Upload page: one good file with metadata, one hostile file refused with a clear message.
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "layers");
        var title = "テスト浸水想定区域（益城町・架空）";
        for (var i = 0; ; i++)
        {
            await page.Locator("[data-testid=layer-file]").SetInputFilesAsync(Path.Combine(ConfigPaths.Root, "tests", "SnsDashboard.Web.Tests", "EndToEnd", "Fixtures", "mashiki-demo-zone.geojson"));
            await page.Locator("[data-testid=layer-title]").FillAsync(title);
            await page.Locator("[data-testid=layer-theme]").SelectOptionAsync("hazard");
            try
            {
                await page.Locator("[data-testid=layer-import]").ClickAsync(new() { Timeout = 2000 });
                await Assertions.Expect(page.Locator("[data-testid=layer-result]")).ToContainTextAsync("2 features", new() { Timeout = 5000 });
                break;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && i < 10) { await Task.Delay(500); }
        }
        await Assertions.Expect(page.Locator("[data-testid=layer-catalogue]")).ToContainTextAsync(title);
        await Assertions.Expect(page.Locator("[data-testid=layer-catalogue]")).ToContainTextAsync("国土地理院「指定緊急避難場所データ」");
        await ShotAsync(page, "map-layers-upload");

        await page.Locator("[data-testid=layer-file]").SetInputFilesAsync(Path.Combine(ConfigPaths.Root, "tests", "SnsDashboard.Tests", "Layers", "Fixtures", "xxe.kml"));
        await page.Locator("[data-testid=layer-import]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=layer-error]")).ToContainTextAsync("xxe.kml");
        await Assertions.Expect(page.Locator("[data-testid=layer-error]")).ToContainTextAsync("DTD");
        await ShotAsync(page, "map-layers-upload-refused");
        var zone = (await fx.App.Services.GetRequiredService<ILayerCatalogue>().ListAsync()).Single(l => l.Title == title);

        // The map: live posts under the imported layers, with provenance in the legend.
        await GotoMapAsync(page, fx.App.BaseAddress);
        await WaitForAsync(async () => await DataIntAsync(page, "data-marker-count") > 20, 90_000, "markers");
        foreach (var id in new[] { boundaries.Id, shelters.Id, zone.Id })
        {
            await page.Locator($"[data-testid=layer-toggle-{id}]").CheckAsync();
            await page.Locator($"[data-testid=legend-{id}]").WaitForAsync();
        }
        await WaitForAsync(async () => await DataIntAsync(page, "data-visible-layers") == 3, 10_000, "three visible layers");
        var legend = page.Locator("[data-testid=layer-legend]");
        await Assertions.Expect(legend).ToContainTextAsync("国土数値情報（行政区域データ）");
        await Assertions.Expect(legend).ToContainTextAsync("国土地理院「指定緊急避難場所データ」");
        await Assertions.Expect(legend).ToContainTextAsync("2021-01-01");
        await Assertions.Expect(legend).ToContainTextAsync("0.5〜3m");
        await page.Locator($"[data-testid=layer-opacity-{zone.Id}]").FillAsync("0.6");
        await page.EvaluateAsync("() => { document.querySelector('#live-map')._state.map.setView([32.79, 130.80], 12); return 0; }");
        await Task.Delay(1000);
        await ShotAsync(page, "map-layers-visible");

        // Filter: only posts inside the (fictitious) zone remain.
        var before = await DataIntAsync(page, "data-marker-count");
        await page.Locator("[data-testid=spatial-filter]").SelectOptionAsync($"zone:{zone.Id}");
        await WaitForAsync(async () => { var n = await DataIntAsync(page, "data-marker-count"); return n > 0 && n < before; }, 30_000, "filtered markers");
        var filtered = await DataIntAsync(page, "data-marker-count");
        await ShotAsync(page, "map-layers-filter-zone");

        // A post opened under the filter shows the zone and nearest shelters.
        var details = page.Locator("[data-testid=spatial-details]");
        for (int i = 0; i < 25 && !await details.IsVisibleAsync(); i++)
        {
            var marker = page.Locator(".post-marker").First;
            // Dispatched to the element: the first marker may lie outside the viewport.
            if (await marker.IsVisibleAsync()) await marker.DispatchEventAsync("click");
            else await page.Locator(".marker-cluster").First.DispatchEventAsync("click");
            await Task.Delay(700);
        }
        await Assertions.Expect(page.Locator("[data-testid=spatial-zones]")).ToContainTextAsync("益城テスト区域");
        await Assertions.Expect(page.Locator("[data-testid=spatial-municipality]")).ToContainTextAsync("熊本県");
        await ShotAsync(page, "map-layers-post-spatial");

        // Playback: back to the start of the window shows fewer posts; play runs.
        await page.Locator("[data-testid=playback-slider]").FillAsync("0");
        await WaitForAsync(async () => await DataIntAsync(page, "data-playback-visible") is >= 0 and var v && v < filtered, 10_000, "playback hides later posts");
        await page.Locator("[data-testid=playback-play]").ClickAsync();
        await WaitForAsync(async () => await page.Locator("#live-map").GetAttributeAsync("data-playback") == "playing", 5_000, "playing");
        await page.Locator("[data-testid=heatmap-toggle]").CheckAsync();
        await WaitForAsync(async () => await page.Locator("#live-map").GetAttributeAsync("data-heatmap") == "on", 10_000, "heatmap");
        await Task.Delay(1500);
        await ShotAsync(page, "map-layers-playback-heatmap");
        await page.Locator("[data-testid=playback-live]").ClickAsync();
        await WaitForAsync(async () => await page.Locator("#live-map").GetAttributeAsync("data-playback") == "live", 5_000, "live again");
    }

    /// <summary>The live map, signed in as an operator, in a browser where everything that is not
    /// the dashboard itself is unreachable; returns once the vector fallback base is active.</summary>
    internal static async Task<IPage> OpenMapWithoutNetworkAsync(BrowserFixture fx)
    {
        var context = await fx.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var app = fx.App.BaseAddress.ToString();
        await page.RouteAsync(url => !url.StartsWith(app, StringComparison.Ordinal), r => r.AbortAsync());
        await TestAccounts.SignInAsync(page, fx.App.BaseAddress);
        await GotoMapAsync(page, fx.App.BaseAddress);
        await WaitForAsync(async () => await page.Locator("#live-map").GetAttributeAsync("data-base-mode") == "vector", 20_000, "vector fallback");
        return page;
    }

    [Fact]
    public async Task Map_stays_readable_with_no_network_at_all()
    {
        await ImportAsync(Shared("boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0010/N03-21_43_210101.json"));
        var page = await OpenMapWithoutNetworkAsync(fx);
        var context = page.Context;
        await WaitForAsync(async () => await DataIntAsync(page, "data-fallback-features") > 40, 10_000, "fallback boundaries drawn");
        await Assertions.Expect(page.Locator("[data-testid=base-mode]")).ToContainTextAsync("オフライン");
        await Assertions.Expect(page.Locator("[data-testid=layer-legend]")).ToContainTextAsync("国土数値情報");
        // The imported municipality boundaries are drawn on the fallback canvas, not an empty grey pane.
        await Task.Delay(500);
        await ShotAsync(page, "map-layers-offline");
        var outlines = await DataIntAsync(page, "data-fallback-outlines");
        Assert.True(outlines > 40, $"{outlines} boundary outlines drawn");
        var drawn = await FallbackPixelsAsync(page);
        Assert.True(drawn.LandShare > 0.05, $"land colour on {drawn.LandShare:P1} of the fallback canvas");
        Assert.InRange(drawn.OutlineDarkest, 0, 215); // the outline colour (#7b8794) at a boundary vertex; the fill is 245
        await context.CloseAsync();
    }

    /// <summary>What the vector fallback base's canvas shows, read back from its pixels: the share of
    /// pixels in the land colour (#f5f3ea), the darkest red channel within 2 px of the first boundary
    /// vertex in view (-1 if none is in view; an outline is drawn through every kept vertex), and the
    /// alpha at a probe point (-1 without one).</summary>
    internal sealed record FallbackPixels(double LandShare, int OutlineDarkest, int ProbeAlpha);

    internal static async Task<FallbackPixels> FallbackPixelsAsync(IPage page, double probeLat = 0, double probeLon = 0)
    {
        var r = await page.EvaluateAsync<double[]>("""
            async ([lat, lon]) => {
                const el = document.querySelector('#live-map'), map = el._state.map, c = el._state.base.fallback._canvas;
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                const cr = c.getBoundingClientRect(), mr = map.getContainer().getBoundingClientRect(), s = c.width / cr.width;
                const at = ll => { const p = map.latLngToContainerPoint(ll); return [Math.round((mr.left + p.x - cr.left) * s), Math.round((mr.top + p.y - cr.top) * s)]; };
                const pixel = (x, y) => x < 0 || y < 0 || x >= c.width || y >= c.height ? null : data.subarray(4 * (y * c.width + x), 4 * (y * c.width + x) + 4);
                let land = 0;
                for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255 && data[i] === 245 && data[i + 1] === 243 && data[i + 2] === 234) land++;
                const base = await (await fetch('api/map/fallback-base', { credentials: 'same-origin' })).json();
                const size = map.getSize();
                let darkest = -1;
                for (const f of base.features) {
                    const g = f.geometry, ring = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0][0] : null;
                    if (!ring) continue;
                    const ll = [ring[0][1], ring[0][0]], p = map.latLngToContainerPoint(ll);
                    if (p.x < 10 || p.y < 10 || p.x > size.x - 10 || p.y > size.y - 10) continue;
                    const [x, y] = at(ll);
                    darkest = 255;
                    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) { const q = pixel(x + dx, y + dy); if (q && q[3] > 0) darkest = Math.min(darkest, q[0]); }
                    break;
                }
                const probe = lat || lon ? pixel(...at([lat, lon])) : null;
                return [land / (data.length / 4), darkest, probe ? probe[3] : -1];
            }
            """, new[] { probeLat, probeLon });
        return new FallbackPixels(r[0], (int)r[1], (int)r[2]);
    }
}
