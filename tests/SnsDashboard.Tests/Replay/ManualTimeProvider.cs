namespace SnsDashboard.Tests.Replay;

/// <summary>A clock that only moves when the test says so. <see cref="FireNext"/> jumps to the
/// earliest pending timer and fires it, so paced code runs instantly and deterministically.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    // Timestamps follow the manual clock too (the default reads the real stopwatch).
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() { lock (_gate) return _now.UtcTicks; }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing every timer due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            lock (_gate)
                if (!_timers.Any(t => t.Due <= target)) break;
            FireNext();
        }
        lock (_gate) _now = target;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Advances to the earliest armed timer and fires it; false when none is armed.</summary>
    public bool FireNext()
    {
        ManualTimer? next = null;
        lock (_gate)
        {
            foreach (var t in _timers)
                if (t.Due is { } due && (next is null || due < next.Due)) next = t;
            if (next is null) return false;
            if (next.Due > _now) _now = next.Due.Value;
            next.Due = next.Period > TimeSpan.Zero ? _now + next.Period : null;
        }
        next.Callback(next.State);
        return true;
    }

    /// <summary>Drives <paramref name="running"/> by firing timers until <paramref name="done"/> or it ends.</summary>
    public async Task DriveAsync(Task running, Func<bool>? done = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!running.IsCompleted && !(done?.Invoke() ?? false))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("replay did not finish");
            if (!FireNext()) await Task.Delay(1);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;
        public DateTimeOffset? Due { get; set; }
        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }
            return true;
        }

        public void Dispose() { lock (owner._gate) owner._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
