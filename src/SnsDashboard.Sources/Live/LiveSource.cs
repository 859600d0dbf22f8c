using Microsoft.Extensions.Logging;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Live;

/// <summary>
/// The reconnect loop every live connector shares: connect, read until the connection ends,
/// classify why it ended, wait (exponential backoff with jitter, 429 ladder, Retry-After), and
/// connect again — until the host stops. A connector implements one connection in
/// <see cref="RunConnectionAsync"/> and calls <see cref="MarkConnected"/> once the server
/// accepted it. Health (state, reconnects, gaps, drops, errors) is kept here so every connector
/// reports the same way. Nothing thrown by a connection escapes this loop.
/// </summary>
public abstract class LiveSource : IPostSource
{
    private const int MaxLoggedDropsPerReason = 20;
    private readonly LiveSourceOptions _options;
    private readonly Dictionary<string, int> _dropLogs = new(StringComparer.Ordinal);
    private readonly Lock _dropLogLock = new();
    private DateTimeOffset? _connectedAt;
    private DateTimeOffset? _disconnectedAt;

    protected LiveSource(string name, LiveSourceOptions options, string endpoint, ILogger logger, TimeProvider? time)
    {
        _options = options;
        Logger = logger;
        Time = time ?? TimeProvider.System;
        Name = name;
        Health = new SourceHealth(name) { SilenceThreshold = options.SilenceThreshold, Endpoint = endpoint };
    }

    public string Name { get; }
    public SourceHealth Health { get; }
    protected ILogger Logger { get; }
    protected TimeProvider Time { get; }
    protected IIngestSink Sink { get; private set; } = NullSink.Instance;

    /// <summary>Runs one connection until it ends. Return normally when the server closed it;
    /// throw <see cref="SourceConnectionException"/> to say why it failed.</summary>
    protected abstract Task RunConnectionAsync(CancellationToken ct);

    /// <summary>Called after a reconnect was accepted, with the time the previous connection
    /// ended: resume (cursor, REST catch-up) or report the gap honestly.</summary>
    protected virtual Task OnReconnectedAsync(DateTimeOffset disconnectedAt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Work that lives as long as the source, beside the connections (profile lookups).</summary>
    protected virtual Task RunCompanionAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task RunAsync(IIngestSink sink, CancellationToken ct)
    {
        using var stopCompanion = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var companion = RunCompanionAsync(stopCompanion.Token);
        try { await RunConnectionsAsync(sink, ct).ConfigureAwait(false); }
        finally
        {
            stopCompanion.Cancel();
            try { await companion.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    private async Task RunConnectionsAsync(IIngestSink sink, CancellationToken ct)
    {
        Sink = sink;
        Health.Started(Time.GetUtcNow());
        var backoff = new ReconnectBackoff(_options.Backoff);
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            Health.SetState(first ? SourceStates.Connecting : SourceStates.Reconnecting);
            first = false;
            _connectedAt = null;
            DisconnectKind kind = DisconnectKind.Error;
            TimeSpan? retryAfter = null;
            try
            {
                await RunConnectionAsync(ct).ConfigureAwait(false);
                Logger.LogWarning("{Source}: the server closed the connection", Name);
                Health.SetState(SourceStates.Reconnecting, "closed by server");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (SourceConnectionException e)
            {
                kind = e.Kind;
                retryAfter = e.RetryAfter;
                Health.SetState(kind switch
                {
                    DisconnectKind.Throttled => SourceStates.Throttled,
                    DisconnectKind.Unauthorized => SourceStates.Unauthorized,
                    _ => SourceStates.Reconnecting,
                }, e.Message);
                Logger.LogWarning("{Source}: connection ended: {Reason}", Name, e.Message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var reason = Describe(e);
                Health.SetState(SourceStates.Reconnecting, reason);
                Logger.LogWarning("{Source}: connection ended: {Reason}", Name, reason);
            }
            var lasted = _connectedAt is { } c ? Time.GetUtcNow() - c : TimeSpan.Zero;
            if (_connectedAt is not null) _disconnectedAt = Time.GetUtcNow();
            Health.Disconnected();
            var wait = backoff.Next(kind, retryAfter, lasted);
            Health.BackoffReachedMaximum(backoff.AtMaximum);
            if (backoff.AtMaximum)
                Logger.LogError("{Source}: reconnect backoff at its maximum ({Wait}); check the endpoint and credentials", Name, wait);
            try { await Task.Delay(wait, Time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            Health.Reconnected();
        }
        Health.Disconnected();
        Health.SetState(SourceStates.Stopped);
    }

    /// <summary>The server accepted the connection: state running, resume/gap handling.</summary>
    /// <summary>Reads a WebSocket's text messages into <paramref name="handle"/> until the server
    /// closes it; oversized and binary frames are counted as rejects, and silence longer than the
    /// watchdog's timeout becomes a <see cref="StallException"/> (so the loop reconnects).</summary>
    protected async Task ReadTextFramesAsync(System.Net.WebSockets.WebSocket socket, StallWatchdog watchdog, int maxMessageBytes,
        Func<ReadOnlyMemory<byte>, Task> handle, CancellationToken ct)
    {
        using var reader = new WebSocketMessageReader(socket, maxMessageBytes);
        try
        {
            while (true)
            {
                var frame = await reader.ReadAsync(watchdog.Token);
                watchdog.Alive();
                if (frame == FrameKind.Closed) return;
                if (frame == FrameKind.Oversized) { Reject("oversized", $"frame over {maxMessageBytes} bytes"); continue; }
                if (frame == FrameKind.Binary) { Reject("binary_frame"); continue; }
                await handle(reader.Message);
            }
        }
        catch (OperationCanceledException) when (watchdog.Stalled && !ct.IsCancellationRequested)
        {
            throw new StallException(watchdog.Timeout);
        }
    }

    protected async Task MarkConnected(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        _connectedAt = now;
        Health.Connected(now);
        Logger.LogInformation("{Source}: connected to {Endpoint}", Name, Health.Endpoint);
        if (_disconnectedAt is { } since)
        {
            _disconnectedAt = null;
            try { await OnReconnectedAsync(since, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                Health.GapReported($"{Jst(since)}–{Jst(now)}: catch-up failed ({Describe(e)})");
                Logger.LogWarning("{Source}: catch-up after reconnect failed: {Reason}", Name, Describe(e));
            }
        }
    }

    /// <summary>Offers a post without ever stalling the connection; counts it.</summary>
    protected ValueTask<IngestResult> OfferAsync(Post post, CancellationToken ct)
    {
        Health.MessageReceived(Time.GetUtcNow());
        return Sink.OfferAsync(post, OfferMode.NoWait, ct);
    }

    /// <summary>A message deliberately skipped (not an error of the source).</summary>
    protected void Drop(string reason) => Health.Drop(reason);

    /// <summary>A message we could not understand: counted, reported to the pipeline, logged
    /// (the first few per reason, so garbage cannot flood the log).</summary>
    protected void Reject(string reason, string? detail = null)
    {
        Health.Drop(reason);
        var text = detail is null ? reason : $"{reason}: {detail}";
        Health.MessageRejected(text);
        Sink.ReportRejected(Name, text);
        int n;
        lock (_dropLogLock)
        {
            _dropLogs.TryGetValue(reason, out n);
            _dropLogs[reason] = n + 1;
        }
        if (n < MaxLoggedDropsPerReason)
            Logger.LogWarning("{Source}: message rejected: {Reason}", Name, text);
        else if (n == MaxLoggedDropsPerReason)
            Logger.LogWarning("{Source}: further \"{Reason}\" rejects are counted, not logged", Name, reason);
    }

    protected static string Jst(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm:ss") + " JST";

    private static string Describe(Exception e) => e switch
    {
        StallException => e.Message,
        // A cancellation that is not the host's is the stall watchdog's.
        OperationCanceledException => "no data within the stall timeout (watchdog)",
        HttpRequestException h when h.StatusCode is { } s => $"HTTP {(int)s}",
        HttpRequestException h => $"network error: {h.HttpRequestError}",
        System.Net.WebSockets.WebSocketException w => $"WebSocket error: {w.WebSocketErrorCode}",
        IOException => "connection lost",
        _ => e.GetType().Name + ": " + e.Message,
    };

    private sealed class NullSink : IIngestSink
    {
        public static readonly NullSink Instance = new();
        public ValueTask<IngestResult> OfferAsync(Post post, OfferMode mode, CancellationToken ct) => ValueTask.FromResult(IngestResult.Rejected);
        public void ReportRejected(string source, string reason) { }
    }
}
