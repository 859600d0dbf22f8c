using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.Bluesky;

/// <summary>
/// Bluesky through Jetstream v1 (protocols.md §3): one WebSocket to <c>/subscribe</c> with
/// <c>wantedCollections=app.bsky.feed.post</c>; posts in the wanted languages are offered
/// (never waiting on the pipeline), deletions retracted, identity events refresh the profile
/// cache. After a reconnect it resumes from the last event's <c>time_us</c> minus a few seconds
/// (the overlap is de-duplicated downstream on did/rkey).
/// </summary>
public sealed class JetstreamSource : LiveSource
{
    private readonly JetstreamOptions _options;
    private readonly JetstreamEventParser _parser;
    private readonly IPostRetractor _retractor;
    private long _cursorUs;

    public JetstreamSource(JetstreamOptions options, HttpClient http, IPostRetractor? retractor = null, ILogger<JetstreamSource>? logger = null, TimeProvider? time = null)
        : base(JetstreamEventParser.SourceName, options, RedactQuery(options.JetstreamUrl), logger ?? (ILogger)NullLogger.Instance, time)
    {
        _options = options;
        _parser = new JetstreamEventParser(options.Languages);
        _retractor = retractor ?? NoRetraction.Instance;
        Profiles = new BlueskyProfileCache(options.Profiles, http, Time, Logger);
    }

    public BlueskyProfileCache Profiles { get; }
    /// <summary>time_us of the last event processed (the resume cursor); 0 before the first.</summary>
    public long CursorUs => Interlocked.Read(ref _cursorUs);

    protected override Task RunCompanionAsync(CancellationToken ct) => Profiles.RunAsync(ct);

    /// <summary>The subscribe URL for the next connection: collection filter plus the resume cursor.</summary>
    public Uri SubscribeUri()
    {
        var b = new UriBuilder(_options.JetstreamUrl);
        b.Scheme = b.Scheme switch { "http" => "ws", "https" => "wss", var s => s };
        if (b.Uri.IsDefaultPort) b.Port = -1;
        var query = b.Query.TrimStart('?');
        var parts = new List<string>();
        if (query.Length > 0) parts.Add(query);
        parts.Add("wantedCollections=" + JetstreamEventParser.PostCollection);
        var cursor = CursorUs;
        if (cursor > 0) parts.Add("cursor=" + Math.Max(0, cursor - _options.CursorRewindSeconds * 1_000_000L));
        b.Query = string.Join("&", parts);
        return b.Uri;
    }

    protected override async Task RunConnectionAsync(CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.SetRequestHeader("User-Agent", "SnsDashboard/1.0");
        socket.Options.CollectHttpResponseDetails = true;
        using var watchdog = new StallWatchdog(_options.StallTimeout, Time, ct);
        try
        {
            await socket.ConnectAsync(SubscribeUri(), watchdog.Token);
        }
        catch (WebSocketException) when (socket.HttpStatusCode is var status && (int)status >= 400)
        {
            throw SourceConnectionException.FromStatus((int)status, RetryAfter(socket), "Jetstream refused the connection");
        }
        await MarkConnected(ct);
        using var reader = new WebSocketMessageReader(socket, _options.MaxMessageBytes);
        try
        {
            while (true)
            {
                var frame = await reader.ReadAsync(watchdog.Token);
                watchdog.Alive();
                switch (frame)
                {
                    case FrameKind.Closed:
                        return;
                    case FrameKind.Oversized:
                        Reject("oversized", $"message over {_options.MaxMessageBytes} bytes");
                        continue;
                    case FrameKind.Binary:
                        Reject("binary_frame", "compressed or binary frames are not supported");
                        continue;
                }
                await HandleAsync(reader.Message, ct);
            }
        }
        catch (OperationCanceledException) when (watchdog.Stalled && !ct.IsCancellationRequested)
        {
            throw new StallException(watchdog.Timeout);
        }
    }

    /// <summary>Processes one event; public so the benchmark can measure parsing and filtering
    /// without a socket.</summary>
    public async ValueTask HandleAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        var e = _parser.Parse(message, now);
        switch (e.Kind)
        {
            case JetstreamEventKind.Post:
                await OfferAsync(Profiles.Enrich(e.Post!), ct);
                break;
            case JetstreamEventKind.Delete:
                Health.Activity(now);
                Drop("deleted_at_source");
                await _retractor.RetractAsync(e.Key!.Value, ct);
                break;
            case JetstreamEventKind.Identity:
                Health.Activity(now);
                Profiles.Invalidate(e.Did!);
                break;
            case JetstreamEventKind.Account:
                Health.Activity(now);
                if (e.Reason is not null) Drop("account_" + e.Reason);
                break;
            case JetstreamEventKind.Dropped:
                Health.Activity(now);
                Drop(e.Reason!);
                break;
            case JetstreamEventKind.Rejected:
                Reject("malformed", e.Reason);
                break;
        }
        if (e.TimeUs > 0) AdvanceCursor(e.TimeUs);
    }

    private void AdvanceCursor(long timeUs)
    {
        long seen;
        do { seen = Interlocked.Read(ref _cursorUs); if (timeUs <= seen) return; }
        while (Interlocked.CompareExchange(ref _cursorUs, timeUs, seen) != seen);
    }

    private TimeSpan? RetryAfter(ClientWebSocket socket) =>
        socket.HttpResponseHeaders is { } h && h.TryGetValue("Retry-After", out var v) && int.TryParse(v.FirstOrDefault(), out var s) ? TimeSpan.FromSeconds(s) : null;

    /// <summary>Endpoints are shown on the status page: drop any query (a proxy might carry a key there).</summary>
    internal static string RedactQuery(string url)
    {
        var q = url.IndexOf('?');
        return q < 0 ? url : url[..q];
    }
}
