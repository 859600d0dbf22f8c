using SnsDashboard.Core.Ingest;
using SnsDashboard.Sources.Live;

namespace SnsDashboard.Tests.Sources;

public class ReconnectBackoffTests
{
    private static readonly BackoffOptions Options = new() { InitialMs = 1000, MaxMs = 8000, ThrottledInitialMs = 60_000, ThrottledMaxMs = 240_000, StableAfterMs = 60_000 };

    [Fact]
    public void Error_waits_grow_exponentially_with_jitter_and_stop_at_the_cap()
    {
        var backoff = new ReconnectBackoff(Options, new Random(7));
        var steps = new[] { 1000, 2000, 4000, 8000, 8000 };
        foreach (var step in steps)
        {
            var wait = backoff.Next(DisconnectKind.Error, null, TimeSpan.Zero).TotalMilliseconds;
            Assert.InRange(wait, step * 0.5, step);
        }
        Assert.True(backoff.AtMaximum);
    }

    [Fact]
    public void Jitter_spreads_the_waits_of_many_clients()
    {
        var waits = Enumerable.Range(0, 20).Select(seed => new ReconnectBackoff(Options, new Random(seed)).Next(DisconnectKind.Error, null, TimeSpan.Zero)).Distinct().Count();
        Assert.True(waits > 10);
    }

    [Fact]
    public void Throttled_ladder_starts_at_a_minute_and_honours_a_longer_retry_after()
    {
        var backoff = new ReconnectBackoff(Options, new Random(1));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Next(DisconnectKind.Throttled, null, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(120), backoff.Next(DisconnectKind.Throttled, TimeSpan.FromSeconds(5), TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(900), backoff.Next(DisconnectKind.Throttled, TimeSpan.FromSeconds(900), TimeSpan.Zero));
    }

    [Fact]
    public void Retry_after_is_a_floor_for_error_waits_too()
    {
        var backoff = new ReconnectBackoff(Options, new Random(1));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Next(DisconnectKind.Error, TimeSpan.FromSeconds(30), TimeSpan.Zero));
    }

    [Fact]
    public void A_stable_connection_resets_the_ladder()
    {
        var backoff = new ReconnectBackoff(Options, new Random(3));
        for (var i = 0; i < 5; i++) backoff.Next(DisconnectKind.Error, null, TimeSpan.Zero);
        Assert.True(backoff.AtMaximum);
        var wait = backoff.Next(DisconnectKind.Error, null, TimeSpan.FromMinutes(5));
        Assert.InRange(wait.TotalMilliseconds, 500, 1000);
        Assert.False(backoff.AtMaximum);
    }

    [Fact]
    public void Unauthorized_waits_the_maximum_and_flags_it()
    {
        var backoff = new ReconnectBackoff(Options);
        Assert.Equal(TimeSpan.FromMilliseconds(8000), backoff.Next(DisconnectKind.Unauthorized, null, TimeSpan.Zero));
        Assert.True(backoff.AtMaximum);
    }
}

public class SourceHealthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 5, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rate_counts_messages_of_the_last_minute_only()
    {
        var h = new SourceHealth("x");
        for (var i = 0; i < 10; i++) h.MessageReceived(T0.AddSeconds(i));
        Assert.Equal(10, h.MessagesLastMinute(T0.AddSeconds(10)));
        Assert.Equal(5, h.MessagesLastMinute(T0.AddSeconds(64)));
        Assert.Equal(0, h.MessagesLastMinute(T0.AddMinutes(5)));
    }

    [Fact]
    public void Silence_beyond_the_threshold_is_flagged_while_running_but_not_when_stopped()
    {
        var h = new SourceHealth("bluesky") { SilenceThreshold = TimeSpan.FromMinutes(5) };
        h.Started(T0);
        h.Connected(T0);
        Assert.False(h.IsSilent(T0.AddMinutes(4)));
        Assert.True(h.IsSilent(T0.AddMinutes(6)));
        h.MessageReceived(T0.AddMinutes(6));
        Assert.False(h.IsSilent(T0.AddMinutes(7)));
        Assert.True(h.IsSilent(T0.AddMinutes(12)));
        h.SetState(SourceStates.Stopped);
        Assert.False(h.IsSilent(T0.AddMinutes(12)));
    }

    [Fact]
    public void A_source_without_threshold_is_never_silent()
    {
        var h = new SourceHealth("webhook:x");
        h.Started(T0);
        Assert.False(h.IsSilent(T0.AddDays(1)));
    }

    [Fact]
    public void Drops_and_gaps_are_counted_by_reason()
    {
        var h = new SourceHealth("x");
        h.Drop("malformed"); h.Drop("malformed"); h.Drop("oversized");
        h.GapReported("03:00–03:05");
        Assert.Equal(3, h.Dropped);
        Assert.Equal(2, h.DroppedByReason["malformed"]);
        Assert.Equal(1, h.Gaps);
        Assert.Equal("03:00–03:05", h.LastGap);
    }
}

public class StallWatchdogTests
{
    [Fact]
    public void Signs_of_life_keep_the_watchdog_quiet_and_silence_trips_it()
    {
        // A manual clock: with real time a loaded machine delayed the 100 ms steps past the timeout.
        var clock = new SnsDashboard.Tests.Replay.ManualTimeProvider(DateTimeOffset.UnixEpoch);
        using var watchdog = new StallWatchdog(TimeSpan.FromMilliseconds(600), clock, CancellationToken.None);
        for (var i = 0; i < 12; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            watchdog.Alive();
        }
        Assert.False(watchdog.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMilliseconds(599));
        Assert.False(watchdog.Stalled);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(watchdog.Stalled);
        Assert.True(watchdog.Token.IsCancellationRequested);
    }
}
