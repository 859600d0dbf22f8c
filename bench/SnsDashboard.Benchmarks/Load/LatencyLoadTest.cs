using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Sources.Replay.Composing;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>
/// Post-to-screen latency: the real host on loopback, the live map open in headless Chromium,
/// synthetic posts offered at a fixed input rate as a live source would. For every marker the
/// page records (time it was on the map) − (time the pipeline accepted the post). Rates are
/// run in one process, lowest first as the baseline.
/// </summary>
public static class LatencyLoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0]) : 20;
        int[] rates = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [100, 1_000, 5_000];
        Console.WriteLine($"# post-to-screen latency: {seconds}s per rate, rates {string.Join(", ", rates)} posts/s, {Environment.ProcessorCount} cores, {DateTime.UtcNow:O}");

        await using var host = await BenchHost.StartAsync("sns-latency-");
        var (app, baseUrl) = (host.App, host.BaseUrl);
        using var pw = await Playwright.CreateAsync();
        await using var browser = await BenchHost.LaunchChromiumAsync(pw);
        var sink = app.Services.GetRequiredService<IIngestSink>();
        var metrics = app.Services.GetRequiredService<PipelineMetrics>();
        int seed = 1;
        foreach (var rate in rates)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.RouteAsync("https://cyberjapandata.gsi.go.jp/**", r => r.AbortAsync());
            // LATENCY_MAP_MODULES=DIR serves older map modules (LiveMap/MapLayerPanel .razor.js) in place of
            // the host's, to compare builds in one run (same trick as map-perf --baseline).
            if (Environment.GetEnvironmentVariable("LATENCY_MAP_MODULES") is { Length: > 0 } dir)
                foreach (var file in Directory.GetFiles(dir, "*.razor.js"))
                {
                    var component = Path.GetFileName(file)[..^".razor.js".Length];
                    var body = await File.ReadAllTextAsync(file);
                    await page.RouteAsync(new System.Text.RegularExpressions.Regex($"/LiveMap/{component}(\\.[0-9a-z]+)?\\.razor\\.js(\\?.*)?$"),
                        r => r.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = body }));
                }
            await BenchHost.SignInAsync(page, baseUrl);
            await page.GotoAsync(baseUrl + "/map");
            var navigated = Stopwatch.StartNew();
            await page.WaitForFunctionAsync("() => document.getElementById('live-map')?._state");
            // The map's load from the store (the markers of earlier phases) ends at data-loading=false.
            // LATENCY_WAIT_LOADED=1 starts the phase only then (attribution: live posts held during the load).
            var loaded = page.WaitForFunctionAsync("() => document.getElementById('live-map')?.dataset.loading === 'false'", null, new() { Timeout = 120_000 })
                .ContinueWith(_ => (After: navigated.Elapsed, AtMs: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            if (Environment.GetEnvironmentVariable("LATENCY_WAIT_LOADED") == "1") await loaded;
            // LATENCY_PAGE_CSS="css": extra style for attribution runs (e.g. hide the post list to see its share).
            if (Environment.GetEnvironmentVariable("LATENCY_PAGE_CSS") is { Length: > 0 } css) await page.AddStyleTagAsync(new() { Content = css });
            await page.EvaluateAsync("() => { const st = document.getElementById('live-map')._state; st.latencies = []; st.updateMs = []; }");
            var before = metrics.Snapshot();
            // Attribution: where an update's time goes in the circuit (LiveViewMetrics) and in the browser (CDP main-thread time).
            using var circuit = new LiveViewRecorder();
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
            var browserBefore = await BrowserTimesAsync(cdp);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var phaseStart = navigated.Elapsed;
            var bus = app.Services.GetRequiredService<SnsDashboard.Web.Live.PostBus>();
            Console.WriteLine($"PHASE rate={rate}/s: live-bus subscribers {bus.SubscriberCount}, markers on the map at start " +
                              await page.EvaluateAsync<int>("() => document.getElementById('live-map')._state.markers.size"));
            await using var timeline = await LatencyTimeline.StartAsync(page);

            var latencies = new List<double>();
            // The server's share: ingest → delivered by the live bus to a subscriber with the map's filter.
            var serverLatencies = new List<double>();
            using var serverSide = bus.Subscribe(
                new SnsDashboard.Core.Live.PostFilter { RelevantOnly = true, LocatedOnly = true }, batch =>
                {
                    var now = DateTimeOffset.UtcNow;
                    lock (serverLatencies) serverLatencies.AddRange(batch.Select(p => (now - p.IngestedAt).TotalMilliseconds));
                    foreach (var p in batch) timeline.Delivered(p.IngestedAt, now);
                    return Task.CompletedTask;
                });
            var feed = FeedAsync(sink, rate, seconds, seed++);
            while (!feed.IsCompleted)
            {
                await Task.WhenAny(feed, Task.Delay(2000));
                latencies.AddRange(await TakeAsync(page));
            }
            await Task.Delay(3000); // let the last batches reach the screen
            latencies.AddRange(await TakeAsync(page));
            var after = metrics.Snapshot();
            var offered = await feed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var browserAfter = await BrowserTimesAsync(cdp);
            var updateMs = await page.EvaluateAsync<double[]>("() => document.getElementById('live-map')._state.updateMs ?? []");
            latencies.Sort();
            double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            double[] server;
            lock (serverLatencies) server = [.. serverLatencies.Order()];
            double S(double q) => server.Length == 0 ? double.NaN : server[Math.Min(server.Length - 1, (int)(q * server.Length))];
            Console.WriteLine($"RESULT rate={rate}/s offered={offered:N0} accepted={after.Accepted - before.Accepted:N0} shed={after.Shed - before.Shed:N0} " +
                              $"markers={latencies.Count:N0} p50={P(0.50):N0}ms p95={P(0.95):N0}ms p99={P(0.99):N0}ms max={(latencies.Count > 0 ? latencies[^1] : double.NaN):N0}ms");
            Console.WriteLine($"  server part (ingest → live bus delivery): p50={S(0.50):N0}ms p95={S(0.95):N0}ms p99={S(0.99):N0}ms max={(server.Length > 0 ? server[^1] : double.NaN):N0}ms");
            circuit.Print(seconds);
            var updates = Math.Max(1, circuit.Count("sns.live_view.update.total"));
            Console.WriteLine($"  browser main thread per update ({updates:N0} updates): " + string.Join(" ", browserAfter.Select(kv =>
                $"{kv.Key}={(kv.Value - browserBefore.GetValueOrDefault(kv.Key)) * 1000 / updates:N1}ms")) +
                $"; addPosts JS {Describe(updateMs)}");
            Console.WriteLine($"  host process CPU (pipeline + circuit): {cpu.TotalSeconds:N1}s = {cpu.TotalMilliseconds / updates:N1}ms per update");
            var (loadedAfter, loadedAtMs) = await loaded;
            Console.WriteLine($"  map load from the store: done {loadedAfter.TotalSeconds:N2} s after navigation, {(loadedAfter - phaseStart).TotalSeconds:N2} s into the phase");
            await timeline.PrintAsync(circuit, loadedAtMs);
            await page.CloseAsync();
        }
        return 0;
    }

    // Chromium's renderer counters (seconds, cumulative): ThreadTime is the main thread's CPU time.
    private static async Task<Dictionary<string, double>> BrowserTimesAsync(ICDPSession cdp)
    {
        var reply = await cdp.SendAsync("Performance.getMetrics");
        var wanted = new[] { "ThreadTime", "TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration" };
        var times = new Dictionary<string, double>();
        foreach (var m in reply!.Value.GetProperty("metrics").EnumerateArray())
            if (wanted.Contains(m.GetProperty("name").GetString())) times[m.GetProperty("name").GetString()!] = m.GetProperty("value").GetDouble();
        return times;
    }

    internal static string Describe(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return "n=0";
        var sorted = values.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return $"n={sorted.Length:N0} mean={sorted.Average():N1} p50={P(0.5):N1} p95={P(0.95):N1} p99={P(0.99):N1} max={sorted[^1]:N1}";
    }

    private static async Task<double[]> TakeAsync(IPage page) =>
        await page.EvaluateAsync<double[]>("() => document.getElementById('live-map')._state.latencies.splice(0)");

    // Offers posts at a steady rate (in 10 ms slices) with NoWait, as a live stream would.
    private static async Task<long> FeedAsync(IIngestSink sink, int rate, int seconds, int seed)
    {
        // Rate 0: an idle phase of the same length (the page open, nothing offered).
        if (rate == 0) { await Task.Delay(TimeSpan.FromSeconds(seconds)); return 0; }
        var posts = SyntheticPostGenerator.Generate(rate, (seconds + 59) / 60, DateTimeOffset.UtcNow, seed).GetEnumerator();
        long offered = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            long due = (long)(sw.Elapsed.TotalSeconds * rate);
            while (offered < due && posts.MoveNext())
            {
                await sink.OfferAsync(posts.Current with { CreatedAt = DateTimeOffset.UtcNow }, OfferMode.NoWait, default);
                offered++;
            }
            await Task.Delay(10);
        }
        return offered;
    }
}
