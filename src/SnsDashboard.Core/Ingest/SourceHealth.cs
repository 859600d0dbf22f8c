using System.Collections.Concurrent;

namespace SnsDashboard.Core.Ingest;

/// <summary>Thread-safe health counters a source updates and the status page reads.
/// Everything here is cheap enough to call once per message at tens of thousands per second.</summary>
public sealed class SourceHealth(string name)
{
    private const int RateBuckets = 60;

    private long _received;
    private long _rejected;
    private long _reconnects;
    private long _gaps;
    private long _lastMessageTicks;
    private long _lastActivityTicks;
    private long _connectedSinceTicks;
    private long _startedTicks;
    private volatile string _state = SourceStates.Starting;
    private volatile string? _lastError;
    private volatile string? _lastGap;
    private volatile bool _backoffAtMaximum;
    private readonly ConcurrentDictionary<string, long> _dropped = new(StringComparer.Ordinal);
    // Messages per second for the last minute: bucket i holds the count of second `_bucketSecond[i]`.
    private readonly long[] _bucketCount = new long[RateBuckets];
    private readonly long[] _bucketSecond = new long[RateBuckets];

    public string Name { get; } = name;
    public string State => _state;
    public string? LastError => _lastError;
    public long Received => Interlocked.Read(ref _received);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Reconnects => Interlocked.Read(ref _reconnects);
    /// <summary>Periods the source could not cover (a disconnect without backfill, a cursor
    /// outside the replay window). Reported, never hidden.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);
    public string? LastGap => _lastGap;
    /// <summary>True while reconnect attempts wait the maximum backoff: the source is probably
    /// misconfigured or the service is down for long.</summary>
    public bool BackoffAtMaximum => _backoffAtMaximum;
    /// <summary>Posts the source will not be silent for longer than this in normal operation;
    /// null = no expectation (e.g. a quiet hashtag or a webhook nobody calls yet).</summary>
    public TimeSpan? SilenceThreshold { get; set; }
    /// <summary>Where the source connects to, for the status page (never holds secrets).</summary>
    public string? Endpoint { get; set; }

    public DateTimeOffset? LastMessageAt => FromTicks(Interlocked.Read(ref _lastMessageTicks));
    /// <summary>Last sign of life of any kind (message, keep-alive, ping).</summary>
    public DateTimeOffset? LastActivityAt => FromTicks(Interlocked.Read(ref _lastActivityTicks));
    public DateTimeOffset? ConnectedSince => FromTicks(Interlocked.Read(ref _connectedSinceTicks));

    /// <summary>Dropped messages by reason (malformed, oversized, unknown_event, filtered_lang, …).</summary>
    public IReadOnlyDictionary<string, long> DroppedByReason => new SortedDictionary<string, long>(_dropped, StringComparer.Ordinal);
    public long Dropped => _dropped.Values.Sum();

    public void SetState(string state, string? error = null)
    {
        _state = state;
        if (error is not null) _lastError = error;
    }

    public void Started(DateTimeOffset at) => Interlocked.CompareExchange(ref _startedTicks, at.UtcTicks, 0);

    public void Connected(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _connectedSinceTicks, at.UtcTicks);
        Interlocked.Exchange(ref _lastActivityTicks, at.UtcTicks);
        _backoffAtMaximum = false;
        _state = SourceStates.Running;
    }

    public void Disconnected() => Interlocked.Exchange(ref _connectedSinceTicks, 0);

    public void MessageReceived(DateTimeOffset at)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastMessageTicks, at.UtcTicks);
        Interlocked.Exchange(ref _lastActivityTicks, at.UtcTicks);
        CountRate(at);
    }

    /// <summary>A keep-alive, ping or ignorable frame: the connection is alive, no post came.</summary>
    public void Activity(DateTimeOffset at) => Interlocked.Exchange(ref _lastActivityTicks, at.UtcTicks);

    public void MessageRejected(string error)
    {
        Interlocked.Increment(ref _rejected);
        _lastError = error;
    }

    /// <summary>A message deliberately not turned into a post (wrong language, unknown event,
    /// oversized…). Counted by reason so an operator can see what is being thrown away.</summary>
    public void Drop(string reason) => _dropped.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void GapReported(string description)
    {
        Interlocked.Increment(ref _gaps);
        _lastGap = description;
    }

    public void BackoffReachedMaximum(bool atMaximum) => _backoffAtMaximum = atMaximum;

    /// <summary>Messages in the last 60 seconds (up to <paramref name="now"/>).</summary>
    public long MessagesLastMinute(DateTimeOffset now)
    {
        long second = now.UtcTicks / TimeSpan.TicksPerSecond, sum = 0;
        for (var i = 0; i < RateBuckets; i++)
        {
            var s = Volatile.Read(ref _bucketSecond[i]);
            if (s > second - RateBuckets && s <= second) sum += Volatile.Read(ref _bucketCount[i]);
        }
        return sum;
    }

    /// <summary>True when the source should be delivering but has not for longer than its
    /// <see cref="SilenceThreshold"/>: the operator must be warned, a silent connector is the
    /// most dangerous failure (nothing errors, nothing arrives).</summary>
    public bool IsSilent(DateTimeOffset now)
    {
        if (SilenceThreshold is not { } threshold) return false;
        if (_state is SourceStates.Stopped or SourceStates.Idle or SourceStates.Disabled) return false;
        var since = LastMessageAt ?? FromTicks(Interlocked.Read(ref _startedTicks));
        return since is { } t && now - t > threshold;
    }

    private void CountRate(DateTimeOffset at)
    {
        long second = at.UtcTicks / TimeSpan.TicksPerSecond;
        int i = (int)(second % RateBuckets);
        var seen = Volatile.Read(ref _bucketSecond[i]);
        if (seen != second && Interlocked.CompareExchange(ref _bucketSecond[i], second, seen) == seen)
            Interlocked.Exchange(ref _bucketCount[i], 0);
        Interlocked.Increment(ref _bucketCount[i]);
    }

    private static DateTimeOffset? FromTicks(long t) => t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero);
}

public static class SourceStates
{
    public const string Starting = "starting";
    public const string Connecting = "connecting";
    public const string Running = "running";
    public const string Idle = "idle";
    public const string Reconnecting = "reconnecting";
    /// <summary>Waiting because the service said 429 (rate limit, too many connections).</summary>
    public const string Throttled = "throttled";
    /// <summary>The service refused our credentials (401/403): retried slowly, needs an operator.</summary>
    public const string Unauthorized = "unauthorized";
    public const string Disabled = "disabled";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}
