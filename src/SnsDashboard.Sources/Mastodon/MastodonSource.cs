using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.Mastodon;

/// <summary>
/// One Mastodon server (protocols.md §2). WebSocket: one socket, every configured stream
/// subscribed on it, double-encoded payloads. SSE: one HTTP stream (the catalog creates one
/// source per stream), <c>:thump</c> heartbeats count as liveness. <c>update</c> and
/// <c>status.update</c> become posts, <c>delete</c> retracts. After a reconnect each stream is
/// caught up through its REST timeline with <c>min_id</c> (the streaming API has no cursor);
/// what the page limit cannot cover is reported as a gap.
/// </summary>
public sealed class MastodonSource : LiveSource
{
    private readonly MastodonServerOptions _options;
    private readonly HttpClient _http;
    private readonly IPostRetractor _retractor;
    private readonly IReadOnlyList<MastodonStream> _streams;
    private readonly bool _sse;
    private readonly Dictionary<string, string> _newestId = new(StringComparer.Ordinal);
    private readonly RecentUris _uris = new(50_000);
    private static readonly JsonDocumentOptions DocOptions = new() { MaxDepth = 48 };

    public MastodonSource(MastodonServerOptions options, HttpClient http, IPostRetractor? retractor = null, ILogger<MastodonSource>? logger = null, TimeProvider? time = null, string? sseStream = null)
        : base(NameOf(options, sseStream), options, Endpoint(options, sseStream), logger ?? (ILogger)NullLogger.Instance, time)
    {
        _options = options;
        _http = http;
        _retractor = retractor ?? NoRetraction.Instance;
        _sse = sseStream is not null;
        _streams = _sse ? [MastodonStream.Parse(sseStream!)] : options.Streams.Select(MastodonStream.Parse).ToList();
    }

    private static string NameOf(MastodonServerOptions o, string? sse) => "mastodon:" + o.Host + (sse is null ? "" : ":" + sse);
    private static string Endpoint(MastodonServerOptions o, string? sse) =>
        o.BaseUrl.TrimEnd('/') + (sse is null ? "/api/v1/streaming (WebSocket)" : MastodonStream.Parse(sse).SsePath.Split('?')[0] + " (SSE)");

    protected override Task RunConnectionAsync(CancellationToken ct) => _sse ? RunSseAsync(ct) : RunWebSocketAsync(ct);

    private async Task RunWebSocketAsync(CancellationToken ct)
    {
        using var watchdog = new StallWatchdog(_options.StallTimeout, Time, ct);
        using var socket = await StreamingSocket.ConnectAsync(_options.BaseUrl, "/api/v1/streaming", _options.AccessToken, "Mastodon", watchdog.Token);
        foreach (var s in _streams)
            await socket.SendAsync(Encoding.UTF8.GetBytes(s.SubscribeMessage), WebSocketMessageType.Text, true, watchdog.Token);
        await MarkConnected(ct);
        await ReadTextFramesAsync(socket, watchdog, _options.MaxMessageBytes, m => HandleFrameAsync(m, ct), ct);
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        string? evt, payload, streamKey = null;
        try
        {
            using var doc = JsonDocument.Parse(message, DocOptions);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { Reject("malformed", "frame is not an object"); return; }
            if (root.TryGetProperty("error", out var err))
            {
                Reject("server_error", err.ValueKind == JsonValueKind.String ? err.GetString() : err.ToString());
                return;
            }
            evt = MastodonStatusMapper.Str(root, "event");
            payload = MastodonStatusMapper.Str(root, "payload");
            if (root.TryGetProperty("stream", out var st) && st.ValueKind == JsonValueKind.Array)
                streamKey = MastodonStream.KeyOf(st.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList());
        }
        catch (JsonException e) { Reject("malformed", e.Message); return; }
        await HandleEventAsync(evt, payload, streamKey ?? _streams[0].Name, ct);
    }

    private async Task RunSseAsync(CancellationToken ct)
    {
        using var watchdog = new StallWatchdog(_options.StallTimeout, Time, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, _options.BaseUrl.TrimEnd('/') + _streams[0].SsePath);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (!string.IsNullOrEmpty(_options.AccessToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token);
        if (!response.IsSuccessStatusCode) throw SourceConnectionException.FromResponse(response, "Mastodon refused the SSE stream", Time.GetUtcNow());
        await MarkConnected(ct);
        await using var body = await response.Content.ReadAsStreamAsync(watchdog.Token);
        string? evt = null;
        var data = new StringBuilder();
        var pending = new List<(string? Event, string Data)>();
        var lines = new StreamLineReader(body, _options.MaxMessageBytes);
        try
        {
            await lines.ReadAllAsync(line =>
            {
                if (line.IsEmpty)
                {
                    if (data.Length > 0 || evt is not null) pending.Add((evt, data.ToString()));
                    evt = null;
                    data.Clear();
                }
                else if (line[0] == (byte)':') { /* comment / heartbeat: liveness only */ }
                else if (line.StartsWith("event:"u8)) evt = Encoding.UTF8.GetString(line[6..]).Trim();
                else if (line.StartsWith("data:"u8))
                {
                    if (data.Length > 0) data.Append('\n');
                    data.Append(Encoding.UTF8.GetString(line[5..]).TrimStart());
                }
            },
            () => Reject("oversized", $"line over {_options.MaxMessageBytes} bytes"),
            async () =>
            {
                watchdog.Alive();
                Health.Activity(Time.GetUtcNow());
                foreach (var (e, d) in pending) await HandleEventAsync(e, d, _streams[0].Name, ct);
                pending.Clear();
            }, watchdog.Token);
        }
        catch (OperationCanceledException) when (watchdog.Stalled && !ct.IsCancellationRequested)
        {
            throw new StallException(watchdog.Timeout);
        }
    }

    private async Task HandleEventAsync(string? evt, string? payload, string streamKey, CancellationToken ct)
    {
        switch (evt)
        {
            case "update" or "status.update":
                if (payload is null) { Reject("malformed", "update without payload"); return; }
                try
                {
                    using var doc = JsonDocument.Parse(payload, DocOptions);
                    await OfferStatusAsync(doc.RootElement, streamKey, ct);
                }
                catch (JsonException e) { Reject("malformed", "payload: " + e.Message); }
                return;
            case "delete":
                if (string.IsNullOrEmpty(payload)) { Reject("malformed", "delete without id"); return; }
                Drop("deleted_at_source");
                await _retractor.RetractAsync(new PostKey(MastodonStatusMapper.SourceName, _uris.Find(payload) ?? $"https://{_options.Host}/statuses/{payload}"), ct);
                return;
            case "filters_changed" or "announcement" or "announcement.reaction" or "announcement.delete" or "notification" or "conversation":
                Drop("ignored_event");
                return;
            default:
                Drop("unknown_event");
                return;
        }
    }

    private async Task OfferStatusAsync(JsonElement status, string streamKey, CancellationToken ct)
    {
        var post = MastodonStatusMapper.Map(status, _options.Host, Time.GetUtcNow(), out var serverId, out var error);
        if (post is null) { Reject("invalid_status", error); return; }
        _uris.Add(serverId!, post.SourcePostId);
        lock (_newestId)
            if (!_newestId.TryGetValue(streamKey, out var newest) || CompareIds(serverId!, newest) > 0) _newestId[streamKey] = serverId!;
        await OfferAsync(post, ct);
    }

    /// <summary>REST catch-up with min_id for every stream that had seen a status.</summary>
    protected override async Task OnReconnectedAsync(DateTimeOffset disconnectedAt, CancellationToken ct)
    {
        foreach (var stream in _streams)
        {
            string? minId;
            lock (_newestId) _newestId.TryGetValue(stream.Name, out minId);
            if (minId is null) continue;
            var pages = 0;
            while (true)
            {
                if (pages++ >= _options.CatchUpMaxPages)
                {
                    Health.GapReported($"{Jst(disconnectedAt)}–{Jst(Time.GetUtcNow())}: {stream.Name} catch-up stopped after {_options.CatchUpMaxPages} pages");
                    break;
                }
                using var request = new HttpRequestMessage(HttpMethod.Get, _options.BaseUrl.TrimEnd('/') + stream.TimelinePath(minId));
                if (!string.IsNullOrEmpty(_options.AccessToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
                using var response = await _http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) throw SourceConnectionException.FromResponse(response, "Mastodon catch-up", Time.GetUtcNow());
                using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), DocOptions, ct);
                if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0) break;
                string newest = minId;
                foreach (var status in doc.RootElement.EnumerateArray())
                {
                    await OfferStatusAsync(status, stream.Name, ct);
                    if (MastodonStatusMapper.Str(status, "id") is { } id && CompareIds(id, newest) > 0) newest = id;
                }
                if (newest == minId) break;
                minId = newest;
            }
        }
    }

    /// <summary>Mastodon ids are numeric strings that sort by time: longer is newer, then ordinal.</summary>
    private static int CompareIds(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    /// <summary>Server id → uri for recent statuses, so a <c>delete</c> (which carries only the id)
    /// finds the post's key.</summary>
    private sealed class RecentUris(int capacity)
    {
        private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();
        public void Add(string id, string uri)
        {
            lock (_map)
            {
                if (_map.TryAdd(id, uri)) _order.Enqueue(id);
                while (_order.Count > capacity) _map.Remove(_order.Dequeue());
            }
        }
        public string? Find(string id) { lock (_map) return _map.GetValueOrDefault(id); }
    }
}
