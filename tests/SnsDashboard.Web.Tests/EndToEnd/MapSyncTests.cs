using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Maps;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>The dashboard with no replay: the tests decide exactly which posts exist.</summary>
public sealed class QuietBrowserFixture : BrowserFixture
{
    protected override IDictionary<string, string?> AppSettings => new Dictionary<string, string?>(base.AppSettings)
    {
        ["Sources:Replay:Enabled"] = "false",
        ["DetailedErrors"] = "true",
    };
}

internal static class MapPage
{
    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });

    public static async Task<int> DataIntAsync(IPage page, string attribute) =>
        int.TryParse(await page.Locator("#live-map").GetAttributeAsync(attribute), out var n) ? n : -1;

    public static async Task WaitForAsync(Func<Task<bool>> condition, int timeoutMs, string what)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(200);
        }
    }

    public static async Task OpenAsync(IPage page, Uri app, string path, int markers)
    {
        await page.GotoAsync(app + path);
        await WaitForAsync(async () => await DataIntAsync(page, "data-marker-count") == markers, 30_000, $"{markers} markers");
    }

    public static async Task SetViewAsync(IPage page, double lat, double lon, int zoom)
    {
        await page.EvaluateAsync($"() => {{ document.querySelector('#live-map')._state.map.setView([{lat}, {lon}], {zoom}, {{ animate: false }}); return 0; }}");
        await Task.Delay(900); // markercluster re-clusters with a short animation
    }

    public static async Task<List<int>> ClusterCountsAsync(IPage page) =>
        (await page.Locator("#live-map .marker-cluster").AllInnerTextsAsync()).Select(t => int.Parse(t.Trim())).Order().ToList();
}

/// <summary>Issue 6: clusters report correct counts for a known set of posts (also when a post is
/// edited live), and selection is synchronised between the map and the list beside it.
/// Screenshots: test-output/screenshots/map-sync-*.png.</summary>
public class MapClusterAndSelectionTests(QuietBrowserFixture fx) : IClassFixture<QuietBrowserFixture>
{
    private static AnalysedPost Post(string id, string text, DateTimeOffset at, double lat, double lon) =>
        TestPosts.Analysed(TestPosts.Make(id, text, at), new PostAnalysis
        {
            Relevant = true,
            Categories = ["rescue_request"],
            Location = new PostLocation { Lat = lat, Lon = lon, Level = LocationLevels.Exact, Source = "geotag" },
        }) with { IngestedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task Clusters_count_a_known_set_and_selection_follows_between_list_and_map()
    {
        // 25 posts at one spot in 熊本市 (newest), 12 on a 100 m ring in 益城町 (older).
        var now = DateTimeOffset.UtcNow;
        var a = Enumerable.Range(0, 25).Select(i => Post($"A-{i}", $"A-{i} 助けて 熊本市", now.AddMinutes(-1 - i * 0.5), 32.800 + i * 1e-5, 130.700)).ToList();
        var b = Enumerable.Range(0, 12).Select(i => Post($"B-{i}", $"B-{i} 助けて 益城町", now.AddMinutes(-30 - i),
            32.790 + 0.001 * Math.Sin(i * Math.PI / 6), 130.820 + 0.0012 * Math.Cos(i * Math.PI / 6))).ToList();
        await fx.App.Services.GetRequiredService<IPostStore>().AppendAsync([.. a, .. b]);

        var page = await fx.NewPageAsync();
        await MapPage.OpenAsync(page, fx.App.BaseAddress, "map", 37);

        // Far out: one cluster holding all 37; closer: one per place with its own count.
        await MapPage.SetViewAsync(page, 32.795, 130.76, 8);
        Assert.Equal([37], await MapPage.ClusterCountsAsync(page));
        await MapPage.SetViewAsync(page, 32.795, 130.76, 13);
        Assert.Equal([12, 25], await MapPage.ClusterCountsAsync(page));

        // A live edit of a post already on the map replaces its marker: counts stay the same.
        fx.App.Services.GetRequiredService<PostBus>().Publish([a[3] with { Post = a[3].Post with { Text = "A-3 助けて（追記：2階にいます）" } }]);
        await MapPage.WaitForAsync(async () => await page.Locator("[data-testid=map-post-list]").InnerTextAsync() is var t && t.Contains("追記"), 10_000, "edited post listed");
        await Task.Delay(900);
        Assert.Equal(37, await MapPage.DataIntAsync(page, "data-marker-count"));
        Assert.Equal([12, 25], await MapPage.ClusterCountsAsync(page));
        await MapPage.ShotAsync(page, "map-sync-clusters");

        // Map → list: clicking a marker highlights its row and scrolls the list to it.
        await MapPage.SetViewAsync(page, 32.790, 130.820, 18);
        var marker = page.Locator("#live-map .post-marker").First;
        await marker.ClickAsync();
        await MapPage.WaitForAsync(async () => await MapPage.DataIntAsync(page, "data-selected-post") > 0, 10_000, "marker selected");
        var selectedId = await MapPage.DataIntAsync(page, "data-selected-post");
        var row = page.Locator($"[data-testid=map-post-list] li[data-post-id='{selectedId}']");
        await Assertions.Expect(row).ToHaveClassAsync("selected");
        await Assertions.Expect(row).ToContainTextAsync("B-");
        await MapPage.WaitForAsync(() => RowInsideListAsync(page, selectedId), 5_000, "list scrolled to the selected row");
        await Assertions.Expect(page.Locator("[data-testid=spatial-details]")).ToBeVisibleAsync();
        await MapPage.ShotAsync(page, "map-sync-map-to-list");

        // List → map: picking a row far from the view pans there, opens the cluster and marks the marker.
        await MapPage.SetViewAsync(page, 32.79, 130.82, 9);
        var aRow = page.Locator("[data-testid=map-post-list] li", new() { HasTextString = "A-7 " });
        await aRow.ClickAsync();
        var aId = int.Parse((await aRow.GetAttributeAsync("data-post-id"))!);
        await MapPage.WaitForAsync(async () => await MapPage.DataIntAsync(page, "data-selection-shown") == aId, 15_000, "marker shown");
        await Assertions.Expect(aRow).ToHaveClassAsync("selected");
        var selected = page.Locator("#live-map .post-marker-selected");
        await Assertions.Expect(selected).ToHaveCountAsync(1);
        var box = (await selected.BoundingBoxAsync())!;
        var mapBox = (await page.Locator("#live-map").BoundingBoxAsync())!;
        Assert.True(box.X > mapBox.X && box.X + box.Width < mapBox.X + mapBox.Width && box.Y > mapBox.Y && box.Y + box.Height < mapBox.Y + mapBox.Height,
            "the selected marker is inside the visible map");
        await Task.Delay(500);
        await MapPage.ShotAsync(page, "map-sync-list-to-map");
    }

    private static Task<bool> RowInsideListAsync(IPage page, int id) => page.EvaluateAsync<bool>(
        $"() => {{ const list = document.querySelector('[data-testid=map-post-list]'); const row = list.querySelector(\"li[data-post-id='{id}']\"); " +
        "const l = list.getBoundingClientRect(), r = row.getBoundingClientRect(); return r.top >= l.top - 1 && r.bottom <= l.bottom + 1 && list.scrollTop > 0; }");
}

/// <summary>Issue 6: the map's spatial filter is the feed's and the export's filter too (one
/// state per circuit and URL), decided on the joins the pipeline stored with each post.
/// Screenshots: test-output/screenshots/map-sync-filter-*.png.</summary>
public class SharedFilterTests(QuietBrowserFixture fx) : IClassFixture<QuietBrowserFixture>
{
    [Fact]
    public async Task The_maps_zone_filter_also_filters_the_feed_and_the_export()
    {
        var fixture = Path.Combine(ConfigPaths.Root, "tests", "SnsDashboard.Web.Tests", "EndToEnd", "Fixtures", "mashiki-demo-zone.geojson");
        var catalogue = fx.App.Services.GetRequiredService<ILayerCatalogue>();
        LayerRecord zone;
        await using (var s = File.OpenRead(fixture))
            zone = await catalogue.AddAsync(LayerImporter.Import(fixture, s, new() { Title = "テスト浸水区域", Theme = LayerThemes.Hazard }, new LayerImportLimits()), DateTimeOffset.UtcNow);
        await fx.App.Services.GetRequiredService<SpatialContextHolder>().RebuildAsync();

        // Through the real pipeline: the spatial-join stage stores the joins with each post.
        var queue = fx.App.Services.GetRequiredService<IngestQueue>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await queue.OfferAsync(TestPosts.Make($"in-{i}", $"区域内{i} 助けて 水が来ています", now.AddMinutes(-i - 1), 32.77 + i * 0.001, 130.77), OfferMode.Wait, default);
            await queue.OfferAsync(TestPosts.Make($"out-{i}", $"区域外{i} 助けて 家が倒壊", now.AddMinutes(-i - 5), 32.70 + i * 0.001, 130.60), OfferMode.Wait, default);
        }
        var store = fx.App.Services.GetRequiredService<IPostStore>();
        await MapPage.WaitForAsync(async () => (await store.QueryAsync(new PostQuery { Limit = 100 })).Count == 6, 20_000, "six posts stored");
        var stored = (await store.QueryAsync(new PostQuery { Limit = 100 })).Single(p => p.Post.SourcePostId == "in-0");
        Assert.Contains(stored.Analysis.Spatial!.Zones, z => z.LayerId == zone.Id);

        var page = await fx.NewPageAsync();
        await MapPage.OpenAsync(page, fx.App.BaseAddress, "map", 6);
        await page.Locator("[data-testid=spatial-filter]").SelectOptionAsync($"zone:{zone.Id}");
        await MapPage.WaitForAsync(async () => await MapPage.DataIntAsync(page, "data-marker-count") == 3, 15_000, "three markers inside the zone");
        await MapPage.WaitForAsync(() => Task.FromResult(page.Url.Contains("spatial=zone%3A" + zone.Id)), 5_000, "filter in the URL");

        // The top navigation to the feed keeps the filter (same circuit).
        await page.Locator("nav a[href=feed]").ClickAsync();
        await page.WaitForURLAsync("**/feed**");
        var chip = page.Locator("[data-testid=spatial-chip]");
        await Assertions.Expect(chip).ToContainTextAsync("テスト浸水区域", new() { Timeout = 15_000 });
        var texts = page.Locator("[data-testid=feed-text]");
        await Assertions.Expect(texts).ToHaveCountAsync(3);
        foreach (var t in await texts.AllInnerTextsAsync()) Assert.StartsWith("区域内", t);
        // Leaving the map by the top navigation used to end the circuit (map disposal threw).
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await MapPage.ShotAsync(page, "map-sync-filter-feed");

        // A new post arriving live is filtered the same way.
        await queue.OfferAsync(TestPosts.Make("in-live", "区域内ライブ 助けて", DateTimeOffset.UtcNow, 32.775, 130.78), OfferMode.Wait, default);
        await queue.OfferAsync(TestPosts.Make("out-live", "区域外ライブ 助けて", DateTimeOffset.UtcNow, 32.70, 130.61), OfferMode.Wait, default);
        await Assertions.Expect(texts).ToHaveCountAsync(4, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=feed-text]", new() { HasTextString = "区域外ライブ" })).ToHaveCountAsync(0);

        // The export link carries the same filter.
        var href = await page.Locator("[data-testid=export-csv]").GetAttributeAsync("href");
        Assert.Contains("spatial=zone%3A" + zone.Id, href);
        var csv = await (await page.APIRequest.GetAsync(fx.App.BaseAddress + href!)).TextAsync();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Contains("益城テスト区域", r));

        // And back to the map from the feed: the same filter, shown in the map's select.
        await page.Locator("[data-testid=open-other]").ClickAsync();
        await MapPage.WaitForAsync(async () => await MapPage.DataIntAsync(page, "data-marker-count") == 4, 20_000, "four markers inside the zone");
        Assert.Equal($"zone:{zone.Id}", await page.Locator("[data-testid=spatial-filter]").InputValueAsync());
        // Leaflet's stylesheets survive the navigation back (enhanced navigation rewrote <head> and
        // dropped links added by script: panes and tiles then laid out as plain images).
        Assert.Equal("absolute", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#live-map .leaflet-pane')).position"));
        await MapPage.ShotAsync(page, "map-sync-filter-map");
    }
}
