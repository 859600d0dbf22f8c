using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Fakes;

/// <summary>
/// Misskey streaming (protocols.md §4): <c>/streaming</c> with <c>?i=</c> or Bearer (401 for a bad
/// token); <c>connect</c>/<c>disconnect</c>; <c>connected</c> reply when <c>pong:true</c>; unknown
/// channels, and channels needing a credential on an anonymous socket, are ignored silently;
/// timeline channels are shareable (connected once per socket); antennas match keywords.
/// </summary>
public sealed class MisskeyFake : FakeServer
{
    private long _sequence;

    /// <summary>Valid token; null = anonymous access only.</summary>
    public string? Token { get; set; } = "misskey-test-token";
    /// <summary>Antenna id → keywords (any of them selects a note).</summary>
    public Dictionary<string, string[]> Antennas { get; } = new() { ["antenna-rescue"] = ["救助", "助けて"] };
    public string Host => BaseUri.Authority;

    private sealed class Socket(bool authenticated)
    {
        public bool Authenticated { get; } = authenticated;
        public Dictionary<string, (string Channel, string? Antenna)> Channels { get; } = new(StringComparer.Ordinal);
    }

    protected override void Map(WebApplication app) => app.Map("/streaming", StreamingAsync);

    private async Task StreamingAsync(HttpContext http)
    {
        if (await RefuseAsync(http)) return;
        var auth = http.Request.Headers.Authorization.ToString();
        var given = auth.StartsWith("Bearer ") ? auth[7..] : http.Request.Query["i"].ToString();
        if (given.Length > 0 && given != Token)
        {
            http.Response.StatusCode = 401;
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Misskey\", error=\"invalid_token\"";
            return;
        }
        if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var c = Register(new Socket(given.Length > 0), http.RequestAborted);
        await PumpWebSocketAsync(socket, c);
    }

    protected override Task OnClientMessageAsync(Connection c, ReadOnlyMemory<byte> message)
    {
        if (c.State is not Socket s) return Task.CompletedTask;
        try
        {
            using var doc = JsonDocument.Parse(message);
            var type = doc.RootElement.GetProperty("type").GetString();
            var body = doc.RootElement.GetProperty("body");
            var id = body.GetProperty("id").GetString()!;
            if (type == "disconnect") { lock (s.Channels) s.Channels.Remove(id); return Task.CompletedTask; }
            if (type != "connect") return Task.CompletedTask;
            var channel = body.GetProperty("channel").GetString()!;
            string? antenna = null;
            var allowed = channel switch
            {
                "globalTimeline" or "localTimeline" => true,
                "hybridTimeline" => s.Authenticated,
                "antenna" => s.Authenticated && body.TryGetProperty("params", out var p) && p.TryGetProperty("antennaId", out var a)
                             && Antennas.ContainsKey(antenna = a.GetString()!),
                _ => false,
            };
            if (!allowed) return Task.CompletedTask; // Misskey ignores it silently
            lock (s.Channels)
            {
                if (channel != "antenna" && s.Channels.Values.Any(v => v.Channel == channel)) return Task.CompletedTask; // shareable
                s.Channels[id] = (channel, antenna);
            }
            if (body.TryGetProperty("pong", out var pong) && pong.ValueKind == JsonValueKind.True)
                c.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes($"{{\"type\":\"connected\",\"body\":{{\"id\":\"{id}\"}}}}"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { }
        return Task.CompletedTask;
    }

    /// <summary>Publishes a scenario post as a public note on the timelines (and matching antennas).</summary>
    public string PublishNote(Post post, bool local = true, string? renoteId = null)
    {
        var id = "9" + Interlocked.Increment(ref _sequence).ToString("x9");
        var user = (post.Author.Handle ?? post.Author.Id).Replace('-', '_');
        var note = new JsonObject
        {
            ["id"] = id,
            ["createdAt"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["text"] = renoteId is null ? post.Text : null,
            ["cw"] = null,
            ["userId"] = "u" + FakeIds.RecordKey(post.Author.Id),
            ["user"] = new JsonObject
            {
                ["id"] = "u" + FakeIds.RecordKey(post.Author.Id), ["name"] = post.Author.DisplayName, ["username"] = user,
                ["host"] = local ? null : "remote.example.jp", ["avatarUrl"] = null, ["isBot"] = false, ["isCat"] = false,
            },
            ["replyId"] = null,
            ["renoteId"] = renoteId,
            ["visibility"] = "public",
            ["localOnly"] = false,
            ["fileIds"] = new JsonArray(),
            ["files"] = new JsonArray(),
            ["tags"] = new JsonArray(post.Hashtags.Select(t => (JsonNode)t.ToLowerInvariant()).ToArray()),
            ["uri"] = local ? null : $"https://remote.example.jp/notes/{id}",
            ["reactions"] = new JsonObject(),
            ["renoteCount"] = 0,
            ["repliesCount"] = 0,
        };
        var noteJson = note.ToJsonString(FakeJson.Options);
        ForEachConnection(c =>
        {
            if (c.State is not Socket s) return;
            lock (s.Channels)
                foreach (var (channelId, (channel, antenna)) in s.Channels)
                {
                    var match = channel switch
                    {
                        "globalTimeline" or "hybridTimeline" => true,
                        "localTimeline" => local,
                        "antenna" => Antennas[antenna!].Any(k => post.Text.Contains(k, StringComparison.Ordinal)),
                        _ => false,
                    };
                    if (match)
                        c.Outbox.Writer.TryWrite(Encoding.UTF8.GetBytes($"{{\"type\":\"channel\",\"body\":{{\"id\":\"{channelId}\",\"type\":\"note\",\"body\":{noteJson}}}}}"));
                }
        });
        return id;
    }
}
