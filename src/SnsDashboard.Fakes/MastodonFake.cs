using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Fakes;

/// <summary>
/// Mastodon streaming (protocols.md §2): token required (401 otherwise); WebSocket
/// <c>/api/v1/streaming</c> with subscribe/unsubscribe messages, array-valued <c>stream</c>,
/// double-encoded payloads and error frames for unknown streams; SSE endpoints with <c>:)</c>
/// then <c>:thump</c> heartbeats; REST timelines with <c>min_id</c>/<c>limit</c> for catch-up.
/// </summary>
public sealed class MastodonFake : FakeServer
{
    private readonly List<(long Id, bool Local, string[] Tags, string Json)> _statuses = [];
    private long _sequence;

    /// <summary>The token clients must present; null = no check.</summary>
    public string? AccessToken { get; set; } = "mastodon-test-token";
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
    public string Host => BaseUri.Authority;
    public int TimelineRequests;

    private sealed class Subscriptions(bool sse) { public bool Sse { get; } = sse; public HashSet<string> Keys { get; } = new(StringComparer.Ordinal); }

    protected override void Map(WebApplication app)
    {
        app.Map("/api/v1/streaming", WebSocketAsync);
        app.MapGet("/api/v1/streaming/health", () => Results.Text("OK"));
        app.MapGet("/api/v1/streaming/public", (HttpContext h) => SseAsync(h, h.Request.Query["only_media"] == "true" ? "public:media" : "public"));
        app.MapGet("/api/v1/streaming/public/local", (HttpContext h) => SseAsync(h, "public:local"));
        app.MapGet("/api/v1/streaming/public/remote", (HttpContext h) => SseAsync(h, "public:remote"));
        app.MapGet("/api/v1/streaming/hashtag", (HttpContext h) => SseAsync(h, "hashtag:" + Normalise(h.Request.Query["tag"])));
        app.MapGet("/api/v1/streaming/hashtag/local", (HttpContext h) => SseAsync(h, "hashtag:local:" + Normalise(h.Request.Query["tag"])));
        app.MapGet("/api/v1/timelines/public", (HttpContext h) => Timeline(h, null));
        app.MapGet("/api/v1/timelines/tag/{tag}", (HttpContext h, string tag) => Timeline(h, Normalise(tag)));
    }

    private bool Authorised(HttpContext http)
    {
        if (AccessToken is null) return true;
        var auth = http.Request.Headers.Authorization.ToString();
        return auth == "Bearer " + AccessToken || http.Request.Query["access_token"] == AccessToken;
    }

    private async Task WebSocketAsync(HttpContext http)
    {
        if (await RefuseAsync(http)) return;
        if (!Authorised(http)) { http.Response.StatusCode = 401; http.Response.Headers["X-Error-Message"] = "Invalid access token"; return; }
        if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var subs = new Subscriptions(sse: false);
        if (http.Request.Query["stream"] is { Count: > 0 } q) subs.Keys.Add(Key(q!, http.Request.Query["tag"]));
        using var c = Register(subs, http.RequestAborted);
        await PumpWebSocketAsync(socket, c);
    }

    protected override Task OnClientMessageAsync(Connection c, ReadOnlyMemory<byte> message)
    {
        if (c.State is not Subscriptions subs) return Task.CompletedTask;
        try
        {
            using var doc = JsonDocument.Parse(message);
            var root = doc.RootElement;
            var type = root.GetProperty("type").GetString();
            var stream = root.GetProperty("stream").GetString()!;
            var tag = root.TryGetProperty("tag", out var t) ? t.GetString() : null;
            if (stream is not ("public" or "public:local" or "public:remote" or "public:media" or "hashtag" or "hashtag:local"))
            {
                c.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes("{\"error\":\"Unknown stream type\",\"status\":400}"));
                return Task.CompletedTask;
            }
            if (stream.StartsWith("hashtag") && string.IsNullOrEmpty(tag))
            {
                c.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes("{\"error\":\"Missing tag name parameter\",\"status\":400}"));
                return Task.CompletedTask;
            }
            lock (subs.Keys)
            {
                if (type == "subscribe") subs.Keys.Add(Key(stream, tag));
                else if (type == "unsubscribe") subs.Keys.Remove(Key(stream, tag));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            c.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes("{\"error\":\"Bad request\",\"status\":400}"));
        }
        return Task.CompletedTask;
    }

    private static string Key(string stream, string? tag) => tag is null ? stream : stream + ":" + Normalise(tag);

    /// <summary>Mastodon's tag normalisation, simplified: NFKC, lower case, '#' and separators removed.</summary>
    private static string Normalise(string? tag) =>
        new((tag ?? "").Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(ch => char.IsLetterOrDigit(ch) || ch == '_').ToArray());

    private async Task SseAsync(HttpContext http, string key)
    {
        if (await RefuseAsync(http)) return;
        if (!Authorised(http)) { http.Response.StatusCode = 401; await http.Response.WriteAsJsonAsync(new { error = "Missing access token" }); return; }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        var subs = new Subscriptions(sse: true);
        subs.Keys.Add(key);
        using var c = Register(subs, http.RequestAborted);
        await http.Response.WriteAsync(":)\n");
        await PumpHttpAsync(http.Response, c, ":thump\n"u8.ToArray(), HeartbeatInterval);
    }

    private IResult Timeline(HttpContext http, string? tag)
    {
        Interlocked.Increment(ref TimelineRequests);
        if (!Authorised(http)) return Results.Json(new { error = "The access token is invalid" }, statusCode: 401);
        var minId = long.TryParse(http.Request.Query["min_id"], out var m) ? m : 0;
        var limit = Math.Clamp(int.TryParse(http.Request.Query["limit"], out var l) ? l : 20, 1, 40);
        var local = http.Request.Query["local"] == "true";
        List<string> page;
        lock (_statuses)
            page = _statuses.Where(s => s.Id > minId && (!local || s.Local) && (tag is null || s.Tags.Contains(tag)))
                .OrderBy(s => s.Id).Take(limit).OrderByDescending(s => s.Id).Select(s => s.Json).ToList();
        return Results.Text("[" + string.Join(",", page) + "]", "application/json");
    }

    /// <summary>Publishes a scenario post as a public status; returns its server id.</summary>
    public string PublishStatus(Post post, bool local = true, string eventName = "update")
    {
        var id = Interlocked.Increment(ref _sequence);
        var sid = FakeIds.Numeric(id);
        var user = (post.Author.Handle ?? post.Author.Id).Replace('-', '_');
        var tags = post.Hashtags.Select(Normalise).ToArray();
        var status = new JsonObject
        {
            ["id"] = sid,
            ["uri"] = $"http://{Host}/users/{user}/statuses/{sid}",
            ["url"] = $"http://{Host}/@{user}/{sid}",
            ["created_at"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["content"] = "<p>" + System.Net.WebUtility.HtmlEncode(post.Text).Replace("\n", "<br>") + "</p>",
            ["spoiler_text"] = "",
            ["sensitive"] = false,
            ["visibility"] = "public",
            ["language"] = post.Lang,
            ["in_reply_to_id"] = null,
            ["reblog"] = null,
            ["media_attachments"] = new JsonArray(post.Media.Select(m => (JsonNode)new JsonObject { ["id"] = "1", ["type"] = "image", ["url"] = m.Url, ["description"] = m.AltText }).ToArray()),
            ["tags"] = new JsonArray(post.Hashtags.Select(t => (JsonNode)new JsonObject { ["name"] = t, ["url"] = $"http://{Host}/tags/{t}" }).ToArray()),
            ["mentions"] = new JsonArray(),
            ["edited_at"] = null,
            ["account"] = new JsonObject
            {
                ["id"] = FakeIds.Numeric(Math.Abs(post.Author.Id.GetHashCode() % 100000)), ["username"] = user, ["acct"] = user,
                ["display_name"] = post.Author.DisplayName ?? "", ["url"] = $"http://{Host}/@{user}", ["uri"] = $"http://{Host}/users/{user}",
                ["created_at"] = "2022-11-01T00:00:00.000Z", ["followers_count"] = post.Author.FollowersCount ?? 88,
                ["following_count"] = 120, ["statuses_count"] = 940, ["bot"] = false, ["fields"] = new JsonArray(),
            },
        };
        var json = status.ToJsonString(FakeJson.Options);
        lock (_statuses) _statuses.Add((long.Parse(sid), local, tags, json));
        var keys = new List<string[]> { new[] { "public" }, local ? ["public:local"] : ["public:remote"] };
        keys.AddRange(tags.Select(t => new[] { "hashtag", t }));
        if (local) keys.AddRange(tags.Select(t => new[] { "hashtag:local", t }));
        Send(eventName, json, keys);
        return sid;
    }

    public void PublishDelete(string statusId) => Send("delete", statusId, [["public"], ["public:local"], ["public:remote"]], once: true);

    /// <summary>An event the client does not know, on every connection.</summary>
    public void PublishUnknownEvent() => Send("encrypted_message", "{}", [["public"], ["public:local"]], once: true);

    private void Send(string eventName, string payload, List<string[]> streams, bool once = false)
    {
        ForEachConnection(c =>
        {
            if (c.State is not Subscriptions subs) return;
            lock (subs.Keys)
                foreach (var stream in streams)
                {
                    if (!subs.Keys.Contains(string.Join(":", stream))) continue;
                    var frame = subs.Sse
                        ? $"event: {eventName}\ndata: {payload}\n\n"
                        : new JsonObject { ["stream"] = new JsonArray(stream.Select(x => (JsonNode)x).ToArray()), ["event"] = eventName, ["payload"] = payload }.ToJsonString(FakeJson.Options);
                    c.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes(frame));
                    break; // one delivery per status per connection, like the server's per-subscription fan-out de-dup
                }
        });
    }
}
