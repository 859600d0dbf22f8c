using System.Diagnostics.Metrics;

namespace SnsDashboard.Web.Live;

/// <summary>
/// Where the time of a live update goes in an open view's circuit (meter "SnsDashboard.LiveViews"):
/// how long an update waited for the circuit, its size, the circuit's own (synchronous) time, each
/// awaited browser call and the re-render. Nothing is measured unless a listener is attached
/// (the <c>latency</c> benchmark, dotnet-counters), so the live path pays nothing in production.
/// </summary>
public sealed class LiveViewMetrics
{
    public const string MeterName = "SnsDashboard.LiveViews";

    private readonly Histogram<double> _waitMs, _busyMs, _totalMs, _interopMs, _renderMs;
    private readonly Histogram<long> _posts, _bytes, _merged;

    public LiveViewMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _waitMs = meter.CreateHistogram<double>("sns.live_view.update.wait", "ms", "Posts handed over by the bus until the circuit starts the update");
        _busyMs = meter.CreateHistogram<double>("sns.live_view.update.busy", "ms", "Circuit time of one update, without the awaited browser round trips");
        _totalMs = meter.CreateHistogram<double>("sns.live_view.update.total", "ms", "One update from start to the last awaited browser call");
        _interopMs = meter.CreateHistogram<double>("sns.live_view.update.interop", "ms", "One awaited browser call (tag call)");
        _renderMs = meter.CreateHistogram<double>("sns.live_view.update.render", "ms", "Re-render of the page after an update");
        _posts = meter.CreateHistogram<long>("sns.live_view.update.posts", "posts", "Posts in one update");
        _bytes = meter.CreateHistogram<long>("sns.live_view.update.bytes", "bytes", "JSON sent to the browser for one update");
        _merged = meter.CreateHistogram<long>("sns.live_view.update.merged", "deliveries", "Bus deliveries merged into one update");
    }

    /// <summary>True when someone listens: only then are sizes computed (serialising twice costs).</summary>
    public bool Enabled => _busyMs.Enabled;

    public void Update(string view, double waitMs, double busyMs, double totalMs, int posts, int merged)
    {
        if (!Enabled) return;
        var tag = View(view);
        _waitMs.Record(waitMs, tag);
        _busyMs.Record(busyMs, tag);
        _totalMs.Record(totalMs, tag);
        _posts.Record(posts, tag);
        _merged.Record(merged, tag);
    }

    public void Interop(string view, string call, double ms) => _interopMs.Record(ms, View(view), new("call", call));
    public void Render(string view, double ms) => _renderMs.Record(ms, View(view));
    public void Bytes(string view, long bytes) => _bytes.Record(bytes, View(view));

    private static KeyValuePair<string, object?> View(string view) => new("view", view);
}
