using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Fakes;

/// <summary>
/// Jetstream v1 (protocols.md §3): <c>/subscribe</c> WebSocket with <c>wantedCollections</c>
/// (NSIDs or <c>prefix.*</c>, max 100, 400 otherwise), identity/account events regardless of the
/// filter, cursor replay from an in-memory log (old cursors clamp to the oldest event, future
/// cursors tail live), and a companion <c>app.bsky.actor.getProfiles</c> endpoint.
/// </summary>
public sealed partial class JetstreamFake : FakeServer
{
    private readonly List<(long TimeUs, string? Collection, byte[] Json)> _log = [];
    private readonly Lock _logLock = new();
    private readonly Dictionary<string, string> _handles = new(StringComparer.Ordinal);
    private long _lastTimeUs;
    private int _profileRequests;

    /// <summary>getProfiles answers 503 while true.</summary>
    public volatile bool ProfilesFail;
    public int ProfileRequests => Volatile.Read(ref _profileRequests);

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z0-9-]+)+(\.\*)?$")]
    private static partial Regex Nsid();

    protected override void Map(WebApplication app)
    {
        app.Map("/subscribe", SubscribeAsync);
        app.MapGet("/xrpc/app.bsky.actor.getProfiles", (HttpContext http) => Profiles(http, http.Request.Query["actors"].Select(a => a!).ToArray()));
        app.MapGet("/xrpc/app.bsky.actor.getProfile", (HttpContext http) => Profiles(http, [http.Request.Query["actor"].ToString()]));
    }

    private async Task SubscribeAsync(HttpContext http)
    {
        if (await RefuseAsync(http)) return;
        if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
        var wanted = http.Request.Query["wantedCollections"].Select(s => s!).Distinct().ToArray();
        if (wanted.Length > 100 || wanted.Any(w => !Nsid().IsMatch(w)))
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsync("{\"error\":\"invalid wantedCollections\"}");
            return;
        }
        long? cursor = long.TryParse(http.Request.Query["cursor"], out var cu) ? cu : null;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        Func<string?, bool> accepts = collection => collection is null || wanted.Length == 0
            || wanted.Any(w => w.EndsWith(".*") ? collection.StartsWith(w[..^1], StringComparison.Ordinal) : w == collection);
        using var c = Register(accepts, http.RequestAborted);
        lock (_logLock)
        {
            // Replay under the log lock, so nothing published meanwhile is missed or sent twice.
            if (cursor is { } from && from <= _lastTimeUs)
                foreach (var e in _log)
                    if (e.TimeUs >= from && accepts(e.Collection)) c.Outbox.Writer.TryWrite(e.Json);
        }
        await PumpWebSocketAsync(socket, c);
    }

    private IResult Profiles(HttpContext http, string[] actors)
    {
        Interlocked.Increment(ref _profileRequests);
        if (ProfilesFail) return Results.StatusCode(503);
        var profiles = new JsonArray();
        lock (_handles)
            foreach (var did in actors)
                if (_handles.TryGetValue(did, out var handle))
                    profiles.Add(new JsonObject
                    {
                        ["did"] = did, ["handle"] = handle, ["displayName"] = "表示名 " + handle.Split('.')[0],
                        ["followersCount"] = 120, ["followsCount"] = 80, ["postsCount"] = 900,
                        ["createdAt"] = "2023-05-01T00:00:00.000Z",
                    });
        return Results.Text(new JsonObject { ["profiles"] = profiles }.ToJsonString(), "application/json");
    }

    /// <summary>Publishes a scenario post as a commit create event; returns its time_us.</summary>
    public long PublishPost(Post post, string? langOverride = null, string operation = "create")
    {
        var did = FakeIds.Did(post.Author.Id);
        lock (_handles) _handles[did] = (post.Author.Handle ?? post.Author.Id).ToLowerInvariant().Replace('_', '-') + ".example.jp";
        var record = new JsonObject
        {
            ["$type"] = "app.bsky.feed.post",
            ["createdAt"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["text"] = post.Text,
        };
        var lang = langOverride ?? post.Lang ?? "ja";
        if (lang.Length > 0) record["langs"] = new JsonArray(lang);
        var facets = new JsonArray();
        foreach (var tag in post.Hashtags)
        {
            var marker = "#" + tag;
            var at = post.Text.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            var start = Encoding.UTF8.GetByteCount(post.Text.AsSpan(0, at));
            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = start + Encoding.UTF8.GetByteCount(marker) },
                ["features"] = new JsonArray(new JsonObject { ["$type"] = "app.bsky.richtext.facet#tag", ["tag"] = tag }),
            });
        }
        if (facets.Count > 0) record["facets"] = facets;
        if (post.Media.Count > 0)
            record["embed"] = new JsonObject
            {
                ["$type"] = "app.bsky.embed.images",
                ["images"] = new JsonArray(post.Media.Select(m => (JsonNode)new JsonObject
                {
                    ["alt"] = m.AltText ?? "",
                    ["image"] = new JsonObject { ["$type"] = "blob", ["ref"] = new JsonObject { ["$link"] = "bafkrei" + FakeIds.RecordKey(m.Url ?? post.SourcePostId) }, ["mimeType"] = "image/jpeg", ["size"] = 1000 },
                }).ToArray()),
            };
        var rkey = FakeIds.RecordKey(post.SourcePostId);
        return PublishEvent(did, "commit", "app.bsky.feed.post", t => new JsonObject
        {
            ["rev"] = "3m" + FakeIds.RecordKey(post.SourcePostId + t)[..11], ["operation"] = operation,
            ["collection"] = "app.bsky.feed.post", ["rkey"] = rkey, ["record"] = record, ["cid"] = "bafyrei" + rkey,
        });
    }

    public long PublishDelete(Post post) => PublishEvent(FakeIds.Did(post.Author.Id), "commit", "app.bsky.feed.post", _ => new JsonObject
    {
        ["rev"] = "3mdelete", ["operation"] = "delete", ["collection"] = "app.bsky.feed.post", ["rkey"] = FakeIds.RecordKey(post.SourcePostId),
    });

    public long PublishIdentity(string did, string handle)
    {
        lock (_handles) _handles[did] = handle;
        return PublishEvent(did, "identity", null, t => new JsonObject { ["did"] = did, ["handle"] = handle, ["seq"] = t, ["time"] = "2026-07-05T03:16:41.000Z" });
    }

    /// <summary>Publishes an event of another collection (likes), which subscribers filtering on posts never see.</summary>
    public long PublishLike(string did) => PublishEvent(did, "commit", "app.bsky.feed.like", _ => new JsonObject
    {
        ["rev"] = "3mlike", ["operation"] = "create", ["collection"] = "app.bsky.feed.like", ["rkey"] = "3mlikekey",
        ["record"] = new JsonObject { ["$type"] = "app.bsky.feed.like" },
    });

    private long PublishEvent(string did, string kind, string? collection, Func<long, JsonObject> body)
    {
        lock (_logLock)
        {
            var t = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, _lastTimeUs + 1);
            _lastTimeUs = t;
            var json = new JsonObject { ["did"] = did, ["time_us"] = t, ["kind"] = kind, [kind] = body(t) };
            var bytes = Encoding.UTF8.GetBytes(json.ToJsonString(FakeJson.Options));
            _log.Add((t, collection, bytes));
            if (_log.Count > 200_000) _log.RemoveRange(0, 100_000);
            BroadcastRaw(bytes, state => state is Func<string?, bool> accepts && accepts(collection));
            return t;
        }
    }
}

internal static class FakeJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
