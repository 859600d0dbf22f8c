using System.Text.Json;
using Microsoft.Playwright;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>
/// When, within one phase of the latency benchmark, the late markers happened and what else
/// happened in that second: the server part, the host's GC pauses (sampled), the browser's long
/// tasks (PerformanceObserver) and the map's updates (circuit and the browser's split of
/// <c>applyLiveUpdate</c>). Everything is on one clock, Unix milliseconds.
/// </summary>
public sealed class LatencyTimeline : IAsyncDisposable
{
    private readonly IPage _page;
    private readonly long _startMs = Now();
    private readonly List<(long At, double Ms)> _gcPauses = [];
    private readonly List<(long IngestedMs, long DeliveredMs)> _server = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _gcSampler;
    private readonly int _gen2Before = GC.CollectionCount(2), _gen1Before = GC.CollectionCount(1), _gen0Before = GC.CollectionCount(0);

    private LatencyTimeline(IPage page)
    {
        _page = page;
        _gcSampler = SampleGcAsync(_stop.Token);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static async Task<LatencyTimeline> StartAsync(IPage page)
    {
        await page.EvaluateAsync("""
            () => {
                const st = document.getElementById('live-map')._state;
                st.timeline = []; st.profile = {}; st.longTasks = [];
                st.longTaskObserver?.disconnect();
                st.longTaskObserver = new PerformanceObserver(list => {
                    for (const e of list.getEntries()) st.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
                });
                st.longTaskObserver.observe({ type: 'longtask' });
            }
            """);
        return new LatencyTimeline(page);
    }

    /// <summary>A post delivered by the live bus (the server part), by its ingest time.</summary>
    public void Delivered(DateTimeOffset ingestedAt, DateTimeOffset deliveredAt)
    {
        lock (_server) _server.Add((ingestedAt.ToUnixTimeMilliseconds(), deliveredAt.ToUnixTimeMilliseconds()));
    }

    // GC.GetTotalPauseDuration is cumulative: a step between two samples is a pause (or several) in that slice.
    private async Task SampleGcAsync(CancellationToken ct)
    {
        var last = GC.GetTotalPauseDuration();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(20, ct);
                var now = GC.GetTotalPauseDuration();
                if (now > last) lock (_gcPauses) _gcPauses.Add((Now(), (now - last).TotalMilliseconds));
                last = now;
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <param name="loadedAtMs">When the page's load from the store was drawn (data-loading=false seen).</param>
    public async Task PrintAsync(LiveViewRecorder circuit, long loadedAtMs)
    {
        await _stop.CancelAsync();
        await _gcSampler;
        var json = await _page.EvaluateAsync<JsonElement>("""
            () => {
                const st = document.getElementById('live-map')._state;
                return { timeline: st.timeline, updates: st.profile.updates ?? [], longTasks: st.longTasks };
            }
            """);
        var markers = new List<(long Ingested, long Shown)>();
        var t = json.GetProperty("timeline");
        for (int i = 0; i + 1 < t.GetArrayLength(); i += 2) markers.Add((t[i].GetInt64(), t[i + 1].GetInt64()));
        var longTasks = json.GetProperty("longTasks").EnumerateArray().Select(e => ((long)e[0].GetDouble(), e[1].GetDouble())).ToList();
        var js = json.GetProperty("updates").EnumerateArray().Select(u => new JsUpdate(u)).ToList();
        var updates = circuit.Timed("sns.live_view.update.total");
        var waits = circuit.Timed("sns.live_view.update.wait");
        var calls = circuit.Timed("sns.live_view.update.interop[applyLiveUpdate]");
        List<(long, long)> server;
        lock (_server) server = [.. _server];

        Console.WriteLine($"  host GC in the phase: gen0 {GC.CollectionCount(0) - _gen0Before}, gen1 {GC.CollectionCount(1) - _gen1Before}, gen2 {GC.CollectionCount(2) - _gen2Before}; " +
                          $"pauses sum {_gcPauses.Sum(p => p.Ms):N0} ms, max slice {(_gcPauses.Count > 0 ? _gcPauses.Max(p => p.Ms) : 0):N0} ms; heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:N0} MB");
        Console.WriteLine($"  browser long tasks: n={longTasks.Count} sum={longTasks.Sum(l => l.Item2):N0} ms max={(longTasks.Count > 0 ? longTasks.Max(l => l.Item2) : 0):N0} ms");
        Console.WriteLine($"  JS applyLiveUpdate split (ms, mean/p99/max over {js.Count} updates): " + string.Join(" ", JsUpdate.Parts.Select(p =>
            $"{p}={Stat(js.Select(u => u.Get(p)))}")));
        Console.WriteLine("  by second of ingest: s | markers | p50 | max | >1s | server max | GC pause | long tasks sum/max | updates | wait max | call max | JS add max (create/cluster) | claims max");
        int seconds = (int)Math.Ceiling((Math.Max(markers.Count > 0 ? markers.Max(m => m.Ingested) : _startMs, _startMs) - _startMs) / 1000.0) + 1;
        for (int s = 0; s < seconds; s++)
        {
            long from = _startMs + s * 1000L, to = from + 1000;
            var lat = markers.Where(m => m.Ingested >= from && m.Ingested < to).Select(m => (double)(m.Shown - m.Ingested)).Order().ToArray();
            if (lat.Length == 0) continue;
            var srv = server.Where(m => m.Item1 >= from && m.Item1 < to).Select(m => m.Item2 - m.Item1).DefaultIfEmpty().Max();
            // Events that could delay posts ingested in this second: from its start until its last marker showed.
            long until = markers.Where(m => m.Ingested >= from && m.Ingested < to).Max(m => m.Shown);
            bool During(long at) => at >= from && at < until;
            var gc = _gcPauses.Where(p => During(p.At)).Sum(p => p.Ms);
            var lt = longTasks.Where(l => During(l.Item1)).Select(l => l.Item2).ToList();
            var js1 = js.Where(u => During(u.At)).ToList();
            Console.WriteLine($"    {s,3} | {lat.Length,5} | {lat[lat.Length / 2],5:N0} | {lat[^1],5:N0} | {lat.Count(l => l > 1000),4} | {srv,5:N0} | {gc,4:N0} | " +
                              $"{lt.Sum(),5:N0}/{(lt.Count > 0 ? lt.Max() : 0),4:N0} | {updates.Count(u => During(u.At)),2} | " +
                              $"{Max(waits, During),4:N0} | {Max(calls, During),4:N0} | " +
                              $"{js1.Select(u => u.Get("add")).DefaultIfEmpty().Max(),4:N0} ({js1.Select(u => u.Get("create")).DefaultIfEmpty().Max():N0}/{js1.Select(u => u.Get("cluster")).DefaultIfEmpty().Max():N0}) | " +
                              $"{js1.Select(u => u.Get("claims")).DefaultIfEmpty().Max(),3:N0}");
        }
        // The markers of posts that came while the map loaded the earlier phases' posts from the store, and the rest.
        Console.WriteLine($"  during the map's load: {Percentiles(markers.Where(m => m.Ingested < loadedAtMs))}; after it: {Percentiles(markers.Where(m => m.Ingested >= loadedAtMs))}");
        var late = markers.Where(m => m.Shown - m.Ingested > 1000).ToList();
        if (late.Count > 0)
            Console.WriteLine($"  markers over 1 s: {late.Count:N0} of {markers.Count:N0}, ingested between s {(late.Min(m => m.Ingested) - _startMs) / 1000.0:N1} and {(late.Max(m => m.Ingested) - _startMs) / 1000.0:N1}");
    }

    private static string Percentiles(IEnumerable<(long Ingested, long Shown)> markers)
    {
        var v = markers.Select(m => (double)(m.Shown - m.Ingested)).Order().ToArray();
        double P(double q) => v[Math.Min(v.Length - 1, (int)(q * v.Length))];
        return v.Length == 0 ? "n=0" : $"n={v.Length:N0} p50={P(0.5):N0} p95={P(0.95):N0} p99={P(0.99):N0} max={v[^1]:N0} ms";
    }

    private static double Max(List<(long At, double Ms)> values, Func<long, bool> during) =>
        values.Where(v => during(v.At)).Select(v => v.Ms).DefaultIfEmpty().Max();

    private static string Stat(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? "-" : $"{v.Average():N1}/{v[Math.Min(v.Length - 1, (int)(0.99 * v.Length))]:N0}/{v[^1]:N0}";
    }

    private sealed class JsUpdate(JsonElement e)
    {
        public static readonly string[] Parts = ["remove", "create", "cluster", "add", "claims", "playback"];
        public long At { get; } = e.GetProperty("at").GetInt64();
        public double Get(string part) => e.TryGetProperty(part, out var v) ? v.GetDouble() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _gcSampler;
        _stop.Dispose();
    }
}
