namespace SnsDashboard.Web.Live;

/// <summary>
/// "At most once per interval, and never left stale": decides whether a part of a view that
/// follows live posts refreshes now, or once, later, when the interval is over. Used on one
/// circuit's synchronisation context only, so it needs no lock. Times are milliseconds on any
/// monotonic clock.
/// </summary>
public sealed class RefreshThrottle(TimeSpan interval)
{
    private long _lastMs = long.MinValue / 2;
    private bool _catchUpScheduled;

    /// <summary>
    /// True: refresh now (then call <see cref="Refreshed"/>). False: it refreshed too recently;
    /// <paramref name="catchUpIn"/> is when to refresh to show what is held back — set only for
    /// the first such call, so one catch-up is scheduled however many updates come meanwhile.
    /// </summary>
    public bool ShouldRefresh(long nowMs, out TimeSpan? catchUpIn)
    {
        catchUpIn = null;
        var due = _lastMs + (long)interval.TotalMilliseconds;
        if (nowMs >= due) return true;
        if (_catchUpScheduled) return false;
        _catchUpScheduled = true;
        catchUpIn = TimeSpan.FromMilliseconds(due - nowMs);
        return false;
    }

    public void Refreshed(long nowMs)
    {
        _lastMs = nowMs;
        _catchUpScheduled = false;
    }
}
