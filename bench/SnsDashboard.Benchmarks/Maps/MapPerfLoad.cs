using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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
/// zoom and pan (setView/panBy without animation until two frames later; main-thread CPU via CDP),
/// an attribution of the zoom step (without the layer, without the precision circles, without the
/// post markers) and the JS heap after GC.
/// Cases run one after the other in one process, smallest first as the baseline.
/// With <c>--baseline DIR</c> every case is measured twice on the same seeded host: first with the
/// map modules in DIR (e.g. <c>git show main:…/LiveMap/LiveMap.razor.js</c> and MapLayerPanel.razor.js)
/// served in place of the host's own, then with the host's — a same-run before/after.
/// With <c>--profile</c> one more zoom sequence per page runs under the CDP sampling profiler (Leaflet and
/// markercluster served unminified for readable names) and the main-thread self time per function and
/// per script is printed: where a zoom step's CPU goes, beyond the on/off attribution.
/// Run: `SnsDashboard.Benchmarks map-perf [posts:features,...] [--baseline DIR] [--profile]` (default 10000:1000,100000:10000).
/// </summary>
public static class MapPerfLoad
{
    private const string ZoomLevels = "[10, 11, 12, 13, 12, 11, 10, 9, 8, 9]";

    public static async Task RunAsync(string[] args)
    {
        var baselineAt = Array.IndexOf(args, "--baseline");
        var baselineJs = baselineAt >= 0
            ? Directory.GetFiles(args[baselineAt + 1], "*.razor.js").ToDictionary(f => Path.GetFileName(f)[..^".razor.js".Length], File.ReadAllText)
            : null;
        var profile = args.Contains("--profile");
        var positional = args.Where((a, i) => a != "--profile" && (baselineAt < 0 || (i != baselineAt && i != baselineAt + 1))).ToArray();
        var cases = (positional.Length > 0 ? positional[0] : "10000:1000,100000:10000").Split(',')
            .Select(c => c.Split(':')).Select(p => (Posts: int.Parse(p[0]), Features: int.Parse(p[1]))).ToList();
        Console.WriteLine($"# map-perf {DateTime.UtcNow:O}, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        using var pw = await Playwright.CreateAsync();
        await using var browser = await BenchHost.LaunchChromiumAsync(pw);
        foreach (var (posts, features) in cases) await RunCaseAsync(browser, posts, features, baselineJs, profile);
    }

    private static async Task RunCaseAsync(IBrowser browser, int posts, int features, Dictionary<string, string>? baselineJs, bool profile)
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
        if (baselineJs is not null) await MeasurePageAsync(browser, baseUrl, layer.Id, posts, features, layerFile.Length, "baseline", baselineJs, profile);
        await MeasurePageAsync(browser, baseUrl, layer.Id, posts, features, layerFile.Length, "current", null, profile);
    }

    private static async Task MeasurePageAsync(IBrowser browser, string baseUrl, long layerId, int posts, int features, int layerBytes, string label, Dictionary<string, string>? mapModules, bool profile)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.RouteAsync(url => !url.StartsWith(baseUrl, StringComparison.Ordinal), r => r.AbortAsync());
        // Static assets are fingerprinted through the import map (LiveMap.<hash>.razor.js): match the component's name.
        foreach (var (component, body) in mapModules ?? [])
            await page.RouteAsync(new Regex($"/LiveMap/{component}(\\.[0-9a-z]+)?\\.razor\\.js(\\?.*)?$"),
                r => r.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = body }));
        if (profile)
            foreach (var (lib, source) in UnminifiedLibraries())
                await page.RouteAsync(baseUrl + "lib/" + lib, r => r.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = source }));
        await BenchHost.SignInAsync(page, baseUrl);

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
        await page.Locator($"[data-testid=layer-toggle-{layerId}]").CheckAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('live-map').dataset.visibleLayers === '1'", null, new() { Timeout = 600_000, PollingInterval = 50 });
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var layerRender = sw.Elapsed.TotalMilliseconds;

        // Each step is timed in the page (until two animation frames later) and by main-thread CPU
        // over the whole sequence (which also catches work deferred to timers, e.g. cluster animation clean-up).
        await page.EvaluateAsync("""
            () => {
                const el = document.getElementById('live-map'), st = el._state, map = st.map;
                const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const time = async f => { const t = performance.now(); f(); await frames(); return performance.now() - t; };
                const settle = () => new Promise(r => setTimeout(r, 400));
                const icons = () => el.querySelectorAll('.leaflet-marker-icon').length;
                window.__perf = {
                    zoom: async () => {
                        map.setView([32.8, 130.75], 9, { animate: false }); await frames(); await settle();
                        const out = [], iconsAt = [];
                        for (const z of ZOOM_LEVELS) { out.push(await time(() => map.setView(map.getCenter(), z, { animate: false }))); iconsAt.push(z + ':' + icons()); }
                        await settle();
                        return { steps: out, icons: iconsAt };
                    },
                    pan: async () => {
                        map.setView([32.8, 130.75], 11, { animate: false }); await frames(); await settle();
                        const out = [];
                        for (const d of [[400, 0], [0, 300], [-400, 0], [0, -300], [400, 300], [-400, -300]]) out.push(await time(() => map.panBy(d, { animate: false })));
                        await settle();
                        return { steps: out };
                    },
                    // Attribution: parts taken off the map (and put back) outside the measured sequences.
                    layer: on => { for (const e of st.overlays.values()) on ? e.geo.addTo(map) : map.removeLayer(e.geo); },
                    circles: on => { for (const a of st.areas.values()) on ? a.circle.addTo(map) : a.circle.remove(); },
                    markers: on => { on ? map.addLayer(st.cluster) : map.removeLayer(st.cluster); },
                    base: on => { for (const b of [st.base?.fallback, st.base?.layer]) if (b) on ? b.addTo(map) : map.removeLayer(b); },
                };
                return 0;
            }
            """.Replace("ZOOM_LEVELS", ZoomLevels));
        // Zoom and pan twice each, alternating (the machine is shared: the mean of two is steadier).
        var zoomRuns = new List<Sequence>();
        var panRuns = new List<Sequence>();
        for (var round = 0; round < 2; round++)
        {
            zoomRuns.Add(await SequenceAsync(page, cdp, "zoom"));
            panRuns.Add(await SequenceAsync(page, cdp, "pan"));
        }
        var (zoom, pan) = (Sequence.Mean(zoomRuns), Sequence.Mean(panRuns));
        // Attribution: the zoom sequence again with one part taken off the map (and put back after),
        // then with the post markers alone and with nothing but the vector base. The base map and the
        // precision-circle canvas measured at ≈ 0 and ≈ 10 ms per step (18:40 run) and are left on.
        var without = new Dictionary<string, Sequence>();
        foreach (var part in new[] { "layer", "markers" })
        {
            await page.EvaluateAsync($"() => {{ window.__perf.{part}(false); return 0; }}");
            without[part] = await SequenceAsync(page, cdp, "zoom");
            await page.EvaluateAsync($"() => {{ window.__perf.{part}(true); return 0; }}");
        }
        await page.EvaluateAsync("() => { for (const p of ['layer', 'circles']) window.__perf[p](false); }");
        var markersOnly = await SequenceAsync(page, cdp, "zoom");
        await page.EvaluateAsync("() => { window.__perf.markers(false); return 0; }");
        var baseOnly = await SequenceAsync(page, cdp, "zoom");
        await page.EvaluateAsync("() => { for (const p of ['layer', 'circles', 'markers']) window.__perf[p](true); }");
        var circles = await page.EvaluateAsync<int>("() => document.getElementById('live-map')._state.areas.size");
        // Which module ran (the baseline's markercluster animates; a check that the swap happened).
        var clusterAnimation = await page.EvaluateAsync<bool>("() => document.getElementById('live-map')._state.cluster.options.animate");

        var profileReport = profile ? await ProfileZoomAsync(page, cdp) : "";

        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var heap = await cdp.SendAsync("Runtime.getHeapUsage");
        var heapMb = heap!.Value.GetProperty("usedSize").GetDouble() / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT [{label}] posts={posts:N0} features={features:N0} layer={layerBytes / 1024:N0}KiB firstRender={firstRender:F0}ms (main-thread CPU {firstRenderCpu:F0}ms) layerRender={layerRender:F0}ms " +
            $"zoom={zoom} pan={pan} heap={heapMb:F1}MB circles={circles} clusterAnimation={clusterAnimation}\n" +
            $"  attribution (zoom CPU): {string.Join(' ', without.Select(w => $"without {w.Key}={w.Value}"))} markersOnly(+base)={markersOnly} baseOnly={baseOnly}\n" +
            $"  zoom steps (ms): {zoom.Steps} icons in the DOM after each step: {zoom.Icons}{profileReport}"));
        await context.CloseAsync();
    }

    private sealed record Sequence(double CpuPerStep, double WallMedian, double WallMax, string Steps, string Icons)
    {
        public static Sequence Mean(List<Sequence> runs) => new(runs.Average(r => r.CpuPerStep), runs.Average(r => r.WallMedian),
            runs.Max(r => r.WallMax), string.Join(" | ", runs.Select(r => r.Steps)), runs[0].Icons);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[CPU {CpuPerStep:F0} ms/step, wall median {WallMedian:F0} max {WallMax:F0}]");
    }

    /// <summary>Runs one of the page's timed sequences (window.__perf.zoom / pan) and returns main-thread CPU per step and wall times.</summary>
    private static async Task<Sequence> SequenceAsync(IPage page, ICDPSession cdp, string name)
    {
        // Each sequence starts from a collected heap, so a major GC left over from before is not counted.
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var cpu0 = await ThreadTimeAsync(cdp);
        var r = await page.EvaluateAsync<JsonElement>($"() => window.__perf.{name}()");
        var cpu = await ThreadTimeAsync(cdp) - cpu0;
        var steps = r.GetProperty("steps").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var sorted = steps.Order().ToList();
        var icons = r.TryGetProperty("icons", out var i) ? string.Join(' ', i.EnumerateArray().Select(e => "z" + e.GetString())) : "";
        // The set-up view before the steps counts as one more step (it is also a re-cluster).
        return new Sequence(cpu / (steps.Count + 1), sorted[sorted.Count / 2], sorted[^1],
            string.Join(' ', steps.Select(s => s.ToString("F0", CultureInfo.InvariantCulture))), icons);
    }

    /// <summary>Leaflet and markercluster's unminified builds from the web project's node_modules (the
    /// bench runs inside the repository), keyed by the served path under lib/.</summary>
    private static IEnumerable<(string Path, string Source)> UnminifiedLibraries()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "SnsDashboard.Web", "node_modules"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("--profile: src/SnsDashboard.Web/node_modules not found above the bench binaries");
        var modules = Path.Combine(dir.FullName, "src", "SnsDashboard.Web", "node_modules");
        yield return ("leaflet/leaflet.js", File.ReadAllText(Path.Combine(modules, "leaflet", "dist", "leaflet-src.js")));
        yield return ("leaflet.markercluster/leaflet.markercluster.js", File.ReadAllText(Path.Combine(modules, "leaflet.markercluster", "dist", "leaflet.markercluster-src.js")));
    }

    /// <summary>One zoom sequence under the sampling profiler: self time per function (top 25) and per
    /// script, in ms per zoom step (sampled, so ±1 sample interval per entry).</summary>
    private static async Task<string> ProfileZoomAsync(IPage page, ICDPSession cdp)
    {
        await cdp.SendAsync("Profiler.enable");
        await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        await cdp.SendAsync("Profiler.start");
        var r = await page.EvaluateAsync<JsonElement>("() => window.__perf.zoom()");
        var result = await cdp.SendAsync("Profiler.stop");
        await cdp.SendAsync("Profiler.disable");
        var steps = r.GetProperty("steps").GetArrayLength() + 1;
        var profile = result!.Value.GetProperty("profile");
        var keyOf = new Dictionary<int, (string Function, string Script)>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var url = frame.GetProperty("url").GetString() ?? "";
            var script = url.Length == 0 ? "(native)" : url[(url.LastIndexOf('/') + 1)..].Split('?')[0];
            var name = frame.GetProperty("functionName").GetString() is { Length: > 0 } f ? f : "(anonymous)";
            keyOf[node.GetProperty("id").GetInt32()] = (url.Length == 0 ? name : $"{name} {script}:{frame.GetProperty("lineNumber").GetInt32() + 1}", script);
        }
        var samples = profile.GetProperty("samples").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(e => e.GetDouble() / 1000).ToList();
        var byFunction = new Dictionary<string, double>();
        var byScript = new Dictionary<string, double>();
        for (var i = 0; i + 1 < samples.Count; i++)
        {
            var (function, script) = keyOf[samples[i]];
            if (function == "(idle)") continue;
            byFunction[function] = byFunction.GetValueOrDefault(function) + deltas[i + 1];
            byScript[script] = byScript.GetValueOrDefault(script) + deltas[i + 1];
        }
        string Line(KeyValuePair<string, double> e) => string.Create(CultureInfo.InvariantCulture, $"{e.Value / steps,7:F1}  {e.Key}");
        return "\n  profile, self ms per zoom step, by script:\n    " + string.Join("\n    ", byScript.OrderByDescending(e => e.Value).Take(12).Select(Line))
            + "\n  by function:\n    " + string.Join("\n    ", byFunction.OrderByDescending(e => e.Value).Take(25).Select(Line));
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
