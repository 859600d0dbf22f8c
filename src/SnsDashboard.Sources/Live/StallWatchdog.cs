namespace SnsDashboard.Sources.Live;

/// <summary>
/// Cancels its token when <see cref="Alive"/> has not been called for the timeout: several
/// failure modes (a half-open TCP connection, a proxy that swallows the stream) never surface as
/// an error, only as silence. Resetting the timer is rate-limited so calling Alive per message
/// costs next to nothing.
/// </summary>
public sealed class StallWatchdog : IDisposable
{
    private readonly CancellationTokenSource _stall;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private long _lastResetTimestamp;
    private readonly long _resetEvery;

    public StallWatchdog(TimeSpan timeout, TimeProvider time, CancellationToken outer)
    {
        _timeout = timeout;
        _time = time;
        _stall = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _stall.Token);
        _resetEvery = (long)(time.TimestampFrequency * Math.Min(1.0, timeout.TotalSeconds / 10));
        _lastResetTimestamp = time.GetTimestamp();
    }

    /// <summary>Cancelled when the outer token is, or on a stall.</summary>
    public CancellationToken Token => _linked.Token;
    public bool Stalled => _stall.IsCancellationRequested;
    public TimeSpan Timeout => _timeout;

    public void Alive()
    {
        var now = _time.GetTimestamp();
        if (now - _lastResetTimestamp < _resetEvery) return;
        _lastResetTimestamp = now;
        try { _stall.CancelAfter(_timeout); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _stall.Dispose();
    }
}
