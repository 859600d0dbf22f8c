using System.Diagnostics.Metrics;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>Collects the live views' update measurements (<see cref="LiveViewMetrics"/>) while it
/// exists, by instrument and call, and prints their distributions.</summary>
public sealed class LiveViewRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, List<double>> _values = [];
    private readonly Dictionary<string, List<(long At, double Ms)>> _timed = [];

    public LiveViewRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveViewMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name;
        foreach (var t in tags) if (t.Key == "call") key += "[" + t.Value + "]";
        lock (_values)
        {
            if (!_values.TryGetValue(key, out var list)) _values[key] = list = [];
            list.Add(value);
            if (!_timed.TryGetValue(key, out var timed)) _timed[key] = timed = [];
            timed.Add((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), value));
        }
    }

    /// <summary>The values of one instrument with the Unix milliseconds they were recorded at.</summary>
    public List<(long At, double Ms)> Timed(string key) { lock (_values) return _timed.TryGetValue(key, out var l) ? [.. l] : []; }

    public int Count(string key) { lock (_values) return _values.TryGetValue(key, out var l) ? l.Count : 0; }

    public void Print(int seconds)
    {
        lock (_values)
        {
            Console.WriteLine($"  circuit: {Count("sns.live_view.update.total") / (double)seconds:N1} updates/s");
            foreach (var (key, values) in _values.OrderBy(kv => kv.Key))
                Console.WriteLine($"    {key["sns.live_view.update.".Length..]}: {LatencyLoadTest.Describe(values)} sum={values.Sum():N0}");
        }
    }

    public void Dispose() => _listener.Dispose();
}
