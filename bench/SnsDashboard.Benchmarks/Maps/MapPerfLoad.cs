using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Benchmarks.Load;
using SnsDashboard.Web.Maps;

namespace SnsDashboard.Benchmarks.Maps;

/// <summary>
/// Browser performance of the live map (issue 6): the real host on loopback with a seeded store
/// (N relevant, located posts in the last hour) and a generated F-polygon hazard layer, the map
/// in headless Debian Chromium with every request outside the host blocked (vector base).
/// Measures time to first render of all posts, time to draw the layer, cluster recomputation on
/// zoom and pan (setView/panBy without animation until two frames later) and the JS heap after GC.
/// Cases run one after the other in one process, smallest first as the baseline.
/// Run: `SnsDashboard.Benchmarks map-perf [posts:features,...]` (default 10000:1000,100000:10000).
/// </summary>
public static class MapPerfLoad
{
    public static async Task RunAsync(string[] args)
    {
        var cases = (args.Length > 0 ? args[0] : "10000:1000,100000:10000").Split(',')
            .Select(c => c.Split(':')).Select(p => (Posts: int.Parse(p[0]), Features: int.Parse(p[1]))).ToList();
        Console.WriteLine($"# map-perf {DateTime.UtcNow:O}, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        using var pw = await Playwright.CreateAsync();
        await using var browser = await BenchHost.LaunchChromiumAsync(pw);
        foreach (var (posts, features) in cases) await RunCaseAsync(browser, posts, features);
    }

    private static async Task RunCaseAsync(IBrowser browser, int posts, int features)
    {
        await using var host = await BenchHost.StartAsync("sns-map-perf-", new Dictionary<string, string?> { ["Map:TileTimeoutMs"] = "300" });
        var (app, baseUrl) = (host.App, host.BaseUrl + "/");
        var store = app.Services.GetRequiredService<IPostStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < posts; i += 10_000)
            await store.AppendAsync(Enumerable.Range(i, Math.Min(10_000, posts - i)).Select(n => Post(n, posts, now)).ToList());
        var catalogue = app.Services.GetRequiredService<ILayerCatalogue>();
        var layerFile = Layer(features);
        var layer = await catalogue.AddAsync(LayerImporter.Import("bench-zones.geojson", new MemoryStream(layerFile),
            new() { Title = "ベンチ用浸水想定区域", Theme = LayerThemes.Hazard }, new LayerImportLimits()), now);

        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.RouteAsync(url => !url.StartsWith(baseUrl, StringComparison.Ordinal), r => r.AbortAsync());
        await page.GotoAsync(baseUrl + "signin");
        await page.GetByTestId("demo-operator").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));

        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        // First render: from navigation to every post of the window on the map (clusters built).
        var cpu0 = await ThreadTimeAsync(cdp);
        var sw = Stopwatch.StartNew();
        await page.GotoAsync(baseUrl + "map");
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('live-map')?.dataset.markerCount) >= {posts}", null, new() { Timeout = 600_000, PollingInterval = 50 });
        var firstRender = sw.Elapsed.TotalMilliseconds;
        var firstRenderCpu = await ThreadTimeAsync(cdp) - cpu0;
        await page.WaitForFunctionAsync("() => document.getElementById('live-map').dataset.baseMode === 'vector' && document.getElementById('live-map').dataset.fallbackFeatures", null, new() { Timeout = 60_000 });

        sw.Restart();
        await page.Locator($"[data-testid=layer-toggle-{layer.Id}]").CheckAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('live-map').dataset.visibleLayers === '1'", null, new() { Timeout = 600_000, PollingInterval = 50 });
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var layerRender = sw.Elapsed.TotalMilliseconds;

        // Cluster recompute: 10 zoom steps, then 6 pans, each timed in the page and by main-thread CPU.
        await page.EvaluateAsync("() => { window.__perf = { frames: () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))) }; return 0; }");
        var cpuZoom0 = await ThreadTimeAsync(cdp);
        var zoomOnly = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const map = document.getElementById('live-map')._state.map, out = [];
                map.setView([32.8, 130.75], 9, { animate: false }); await window.__perf.frames();
                for (const z of [10, 11, 12, 13, 12, 11, 10, 9, 8, 9]) { const t = performance.now(); map.setView(map.getCenter(), z, { animate: false }); await window.__perf.frames(); out.push(performance.now() - t); }
                return out;
            }
            """);
        var zoomCpu = (await ThreadTimeAsync(cdp) - cpuZoom0) / 11;
        var cpuPan0 = await ThreadTimeAsync(cdp);
        await page.EvaluateAsync("""
            async () => {
                const map = document.getElementById('live-map')._state.map;
                map.setView([32.8, 130.75], 11, { animate: false }); await window.__perf.frames();
                for (const d of [[400, 0], [0, 300], [-400, 0], [0, -300], [400, 300], [-400, -300]]) { map.panBy(d, { animate: false }); await window.__perf.frames(); }
            }
            """);
        var panCpu = (await ThreadTimeAsync(cdp) - cpuPan0) / 7;
        var timings = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const map = document.getElementById('live-map')._state.map;
                const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const time = async f => { const t = performance.now(); f(); await frames(); return performance.now() - t; };
                await time(() => map.setView([32.8, 130.75], 9, { animate: false }));
                const zoom = [], pan = [];
                for (const z of [10, 11, 12, 13, 12, 11, 10, 9, 8, 9]) zoom.push(await time(() => map.setView(map.getCenter(), z, { animate: false })));
                map.setView([32.8, 130.75], 11, { animate: false }); await frames();
                for (const d of [[400, 0], [0, 300], [-400, 0], [0, -300], [400, 300], [-400, -300]]) pan.push(await time(() => map.panBy(d, { animate: false })));
                // Attribution: the same zoom sequence without the overlay layer, then also
                // without the location-precision circles (markers and clusters only).
                const st = document.getElementById('live-map')._state;
                const zoomSequence = async () => { const out = []; for (const z of [10, 11, 12, 13, 12, 11, 10, 9, 8, 9]) out.push(await time(() => map.setView([32.8, 130.75], z, { animate: false }))); return out; };
                for (const e of st.overlays.values()) map.removeLayer(e.geo);
                const zoomNoLayer = await zoomSequence();
                for (const a of st.areas.values()) a.circle.remove();
                const zoomClustersOnly = await zoomSequence();
                for (const a of st.areas.values()) a.circle.addTo(map);
                for (const e of st.overlays.values()) e.geo.addTo(map);
                return { zoom, pan, zoomNoLayer, zoomClustersOnly, areas: st.areas.size };
            }
            """);
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var heap = await cdp.SendAsync("Runtime.getHeapUsage");
        var heapMb = heap!.Value.GetProperty("usedSize").GetDouble() / 1048576.0;
        static string Stats(JsonElement a)
        {
            var v = a.EnumerateArray().Select(e => e.GetDouble()).Order().ToList();
            return $"median {v[v.Count / 2]:F0} ms, max {v[^1]:F0} ms";
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT posts={posts:N0} features={features:N0} layer={layerFile.Length / 1024:N0}KiB firstRender={firstRender:F0}ms (main-thread CPU {firstRenderCpu:F0}ms) layerRender={layerRender:F0}ms " +
            $"zoomCpu={zoomCpu:F0}ms/step panCpu={panCpu:F0}ms/step zoomWall=[{Stats(zoomOnly)}] " +
            $"zoom=[{Stats(timings.GetProperty("zoom"))}] pan=[{Stats(timings.GetProperty("pan"))}] heap={heapMb:F1}MB " +
            $"zoomNoLayer=[{Stats(timings.GetProperty("zoomNoLayer"))}] zoomClustersOnly=[{Stats(timings.GetProperty("zoomClustersOnly"))}] circles={timings.GetProperty("areas").GetInt32()} " +
            $"zoomAll=[{string.Join(' ', timings.GetProperty("zoom").EnumerateArray().Select(e => e.GetDouble().ToString("F0", CultureInfo.InvariantCulture)))}]"));
        await context.CloseAsync();
    }

    /// <summary>CPU time of the page's main thread so far (CDP Performance.getMetrics "ThreadTime"), in ms:
    /// unlike wall time it does not grow with other processes' load on the machine.</summary>
    private static async Task<double> ThreadTimeAsync(ICDPSession cdp)
    {
        var metrics = await cdp.SendAsync("Performance.getMetrics");
        return metrics!.Value.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("name").GetString() == "ThreadTime").GetProperty("value").GetDouble() * 1000;
    }

    // 40 % geotagged (exact, no circle), 60 % placed at one of 2,000 town points (shared 700 m
    // circles), over Kumamoto/Kyushu, created in the last 50 minutes; all relevant and located.
    private static AnalysedPost Post(int n, int total, DateTimeOffset now)
    {
        var rng = new Random(n);
        var created = now.AddMinutes(-50).AddMilliseconds(49.0 * 60_000 * n / total);
        PostLocation location;
        if (rng.NextDouble() < 0.4)
            location = new PostLocation { Lat = 32.3 + rng.NextDouble(), Lon = 130.2 + rng.NextDouble() * 1.1, Level = LocationLevels.Exact, Source = "geotag", Confidence = 0.95 };
        else
        {
            var town = new Random(rng.Next(2_000));
            location = new PostLocation { Lat = 32.3 + town.NextDouble(), Lon = 130.2 + town.NextDouble() * 1.1, Level = LocationLevels.Town, Source = "text", Confidence = 0.7 };
        }
        string[] categories = ["rescue_request", "building_damage", "flooding", "lifeline_power", "evacuation_shelter", "transport_disruption"];
        return new AnalysedPost(
            new Post
            {
                Source = "x", SourcePostId = "perf" + n, Text = "ベンチマーク投稿 " + n + " 2階に取り残されています、救助をお願いします",
                CreatedAt = created, Author = new PostAuthor { Id = "u" + rng.Next(20_000), Handle = "user" + rng.Next(20_000) }, Lang = "ja", Kind = PostKinds.Original,
            },
            new PostAnalysis
            {
                Relevant = true, Categories = [categories[rng.Next(categories.Length)]], Hazards = ["heavy_rain_flood"], Location = location,
                Reliability = new ReliabilityGrade("C", 3, 0.5, []),
            },
            created.AddSeconds(1));
    }

    // F small hexagons on a grid over the same area, with 浸水ランク 1–6 (styled by class).
    private static byte[] Layer(int features)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(features));
        double dLat = 1.0 / side, dLon = 1.1 / side, r = 0.4 * Math.Min(dLat, dLon);
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var i = 0; i < features; i++)
        {
            double cLat = 32.3 + (i / side + 0.5) * dLat, cLon = 130.2 + (i % side + 0.5) * dLon;
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"properties\":{{\"浸水ランク\":\"{1 + i % 6}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[");
            for (var k = 0; k <= 6; k++)
            {
                var a = Math.PI / 3 * (k % 6);
                sb.Append(CultureInfo.InvariantCulture, $"{(k > 0 ? "," : "")}[{cLon + r * Math.Cos(a):F5},{cLat + r * Math.Sin(a):F5}]");
            }
            sb.Append("]]}}");
        }
        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }
}
