namespace SnsDashboard.Core.Ingest;

/// <summary>Thread-safe health counters a source updates and the status page reads.</summary>
public sealed class SourceHealth(string name)
{
    private long _received;
    private long _rejected;
    private long _reconnects;
    private long _lastMessageTicks;
    private volatile string _state = SourceStates.Starting;
    private volatile string? _lastError;

    public string Name { get; } = name;
    public string State => _state;
    public string? LastError => _lastError;
    public long Received => Interlocked.Read(ref _received);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Reconnects => Interlocked.Read(ref _reconnects);
    public DateTimeOffset? LastMessageAt
    {
        get
        {
            var t = Interlocked.Read(ref _lastMessageTicks);
            return t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero);
        }
    }

    public void SetState(string state, string? error = null)
    {
        _state = state;
        if (error is not null) _lastError = error;
    }

    public void MessageReceived(DateTimeOffset at)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastMessageTicks, at.UtcTicks);
    }

    public void MessageRejected(string error)
    {
        Interlocked.Increment(ref _rejected);
        _lastError = error;
    }

    public void Reconnected() => Interlocked.Increment(ref _reconnects);
}

public static class SourceStates
{
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Idle = "idle";
    public const string Reconnecting = "reconnecting";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}
