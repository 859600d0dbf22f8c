namespace SnsDashboard.Sources.Live;

/// <summary>Backoff settings of one source (all in milliseconds so they bind from configuration).</summary>
public sealed class BackoffOptions
{
    /// <summary>First wait after a failed or dropped connection.</summary>
    public int InitialMs { get; set; } = 1_000;
    /// <summary>Cap of the exponential wait; reaching it raises a warning on the status page.</summary>
    public int MaxMs { get; set; } = 60_000;
    /// <summary>First wait after HTTP 429 without Retry-After (X asks for 60 s, doubling).</summary>
    public int ThrottledInitialMs { get; set; } = 60_000;
    public int ThrottledMaxMs { get; set; } = 15 * 60_000;
    /// <summary>A connection that stayed up this long resets the backoff.</summary>
    public int StableAfterMs { get; set; } = 60_000;
}

/// <summary>What ended a connection attempt; decides the next wait.</summary>
public enum DisconnectKind
{
    /// <summary>Network error, server closed, stall, 5xx.</summary>
    Error,
    /// <summary>429 (rate limit, too many connections).</summary>
    Throttled,
    /// <summary>401/403: retrying fast cannot help; wait the maximum.</summary>
    Unauthorized,
}

/// <summary>
/// Exponential backoff with "full jitter" (a random wait between half the step and the step),
/// separate ladders for errors and for 429, Retry-After honoured when the server sends it, and a
/// reset once a connection has been stable. Not thread-safe: one per connection loop.
/// </summary>
public sealed class ReconnectBackoff(BackoffOptions options, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _errorAttempts;
    private int _throttledAttempts;

    /// <summary>True when the last wait was capped: the status page shows a warning.</summary>
    public bool AtMaximum { get; private set; }

    public void Reset()
    {
        _errorAttempts = 0;
        _throttledAttempts = 0;
        AtMaximum = false;
    }

    /// <summary>The wait before the next attempt. <paramref name="connectionLasted"/> is how long
    /// the connection that just ended was up (zero when it never connected).</summary>
    public TimeSpan Next(DisconnectKind kind, TimeSpan? retryAfter, TimeSpan connectionLasted)
    {
        if (connectionLasted >= TimeSpan.FromMilliseconds(options.StableAfterMs)) Reset();
        switch (kind)
        {
            case DisconnectKind.Throttled:
            {
                _throttledAttempts++;
                var step = Step(options.ThrottledInitialMs, options.ThrottledMaxMs, _throttledAttempts);
                // The server's Retry-After is a floor, never shortened by jitter.
                var wait = retryAfter is { } ra && ra > step ? ra : step;
                AtMaximum = step.TotalMilliseconds >= options.ThrottledMaxMs;
                return wait;
            }
            case DisconnectKind.Unauthorized:
                AtMaximum = true;
                return TimeSpan.FromMilliseconds(options.MaxMs);
            default:
            {
                _errorAttempts++;
                var step = Step(options.InitialMs, options.MaxMs, _errorAttempts);
                AtMaximum = step.TotalMilliseconds >= options.MaxMs;
                var jittered = step.TotalMilliseconds * (0.5 + 0.5 * _random.NextDouble());
                var wait = TimeSpan.FromMilliseconds(jittered);
                return retryAfter is { } ra && ra > wait ? ra : wait;
            }
        }
    }

    private static TimeSpan Step(int initialMs, int maxMs, int attempt)
    {
        var ms = initialMs * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, maxMs));
    }
}
