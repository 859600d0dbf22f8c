using System.Diagnostics;

namespace SnsDashboard.Web.Live;

/// <summary>
/// Times one live update of a view for <see cref="LiveViewMetrics"/>: the circuit's own time is
/// the whole update minus the awaited browser round trips (serialising and sending a call is the
/// circuit's; waiting for the browser is not).
/// </summary>
public sealed class LiveUpdateClock(LiveViewMetrics metrics, string view, long handedOverAt)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _notCircuit;

    /// <summary>Runs one awaited browser call and records its duration under <paramref name="call"/>.</summary>
    public async Task CallAsync(string call, Func<Task> invoke)
    {
        if (!metrics.Enabled) { await invoke(); return; }
        var t0 = Stopwatch.GetTimestamp();
        var task = invoke();
        var t1 = Stopwatch.GetTimestamp();
        await task;
        var t2 = Stopwatch.GetTimestamp();
        _notCircuit += t2 - t1;
        metrics.Interop(view, call, Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
    }

    /// <summary>Records the size of what is sent; serialising it a second time is the measurement's
    /// cost, not the update's, so it is left out of the circuit time.</summary>
    public void Bytes(Func<long> size)
    {
        if (!metrics.Enabled) return;
        var t0 = Stopwatch.GetTimestamp();
        metrics.Bytes(view, size());
        _notCircuit += Stopwatch.GetTimestamp() - t0;
    }

    /// <summary>Runs the view's re-render (synchronous: diff, serialise, send) and records its duration.</summary>
    public void Render(Action render)
    {
        var t0 = Stopwatch.GetTimestamp();
        render();
        if (metrics.Enabled) metrics.Render(view, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }

    public void Done(int posts, int merged)
    {
        if (!metrics.Enabled) return;
        var end = Stopwatch.GetTimestamp();
        var total = Stopwatch.GetElapsedTime(_start, end).TotalMilliseconds;
        metrics.Update(view, Stopwatch.GetElapsedTime(handedOverAt, _start).TotalMilliseconds,
            total - Stopwatch.GetElapsedTime(0, _notCircuit).TotalMilliseconds, total, posts, merged);
    }
}
