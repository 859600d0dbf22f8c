using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Fakes;

/// <summary>
/// X API v2 filtered stream (protocols.md §1): bearer check (401), rules CRUD with ids,
/// duplicates, dry_run and caps, 409 when there are no rules, one connection at a time (429
/// TooManyConnections), NDJSON terminated by \r\n, \r\n keep-alives, operational-disconnect.
/// </summary>
public sealed class XFake : FakeServer
{
    private readonly List<(string Id, string Value, string Tag)> _rules = [];
    private long _ruleSeq = 1940000000000000100, _postSeq;

    public string BearerToken { get; set; } = "x-test-bearer";
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);
    public int MaxRules { get; set; } = 1000;
    public int MaxRuleLength { get; set; } = 1024;
    public int MaxConnections { get; set; } = 1;
    public IReadOnlyList<(string Id, string Value, string Tag)> Rules { get { lock (_rules) return [.. _rules]; } }
    public int RuleWrites;

    protected override void Map(WebApplication app)
    {
        app.MapGet("/2/tweets/search/stream", StreamAsync);
        app.MapGet("/2/tweets/search/stream/rules", (HttpContext h) => Authorised(h) ? ListRules() : Problem(401, "Unauthorized", "invalid-request"));
        // Cast to Delegate: a lambda taking only HttpContext binds as a RequestDelegate, which would
        // silently discard the IResult (an empty 200 instead of X's rule-change answer).
        app.MapPost("/2/tweets/search/stream/rules", (Delegate)((HttpContext h) => ChangeRulesAsync(h)));
    }

    private bool Authorised(HttpContext http) => http.Request.Headers.Authorization.ToString() == "Bearer " + BearerToken;

    private static IResult Problem(int status, string title, string type, string? detail = null) =>
        Results.Json(new { title, detail, type = "https://api.x.com/2/problems/" + type, status }, statusCode: status);

    private async Task StreamAsync(HttpContext http)
    {
        if (await RefuseAsync(http)) return;
        if (!Authorised(http)) { await Problem(401, "Unauthorized", "invalid-request").ExecuteAsync(http); return; }
        lock (_rules)
            if (_rules.Count == 0) { http.Response.StatusCode = 409; }
        if (http.Response.StatusCode == 409) { await http.Response.WriteAsJsonAsync(new { title = "ConnectionException", detail = "no rules" }); return; }
        if (ActiveConnections >= MaxConnections)
        {
            http.Response.Headers["x-rate-limit-remaining"] = "49";
            await Problem(429, "ConnectionException", "streaming-connection", "This stream is currently at the maximum allowed connection limit.").ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        using var c = Register(null, http.RequestAborted);
        await PumpHttpAsync(http.Response, c, "\r\n"u8.ToArray(), KeepAliveInterval);
    }

    private IResult ListRules()
    {
        lock (_rules)
        {
            var meta = new JsonObject { ["sent"] = DateTimeOffset.UtcNow.ToString("O"), ["result_count"] = _rules.Count };
            var body = new JsonObject { ["meta"] = meta };
            if (_rules.Count > 0) body["data"] = new JsonArray(_rules.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["value"] = r.Value, ["tag"] = r.Tag }).ToArray());
            return Results.Text(body.ToJsonString(FakeJson.Options), "application/json");
        }
    }

    private async Task<IResult> ChangeRulesAsync(HttpContext http)
    {
        if (!Authorised(http)) return Problem(401, "Unauthorized", "invalid-request");
        Interlocked.Increment(ref RuleWrites);
        var dryRun = http.Request.Query["dry_run"] == "true";
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        if (body is null || (body["add"] is null) == (body["delete"] is null)) return Problem(400, "Invalid Request", "invalid-request", "exactly one of add or delete");
        lock (_rules)
        {
            if (body["delete"] is JsonObject del)
            {
                var ids = (del["ids"] as JsonArray)?.Select(i => i!.GetValue<string>()).ToHashSet() ?? [];
                var before = _rules.Count;
                if (!dryRun) _rules.RemoveAll(r => ids.Contains(r.Id));
                return Results.Json(new { meta = new { sent = DateTimeOffset.UtcNow, summary = new { deleted = before - _rules.Count, not_deleted = ids.Count - (before - _rules.Count) } } });
            }
            var created = new JsonArray();
            var errors = new JsonArray();
            foreach (var r in (JsonArray)body["add"]!)
            {
                var value = r!["value"]!.GetValue<string>();
                var tag = r["tag"]?.GetValue<string>() ?? "";
                if (_rules.FirstOrDefault(x => x.Value == value) is { Id: not null } dup)
                { errors.Add(new JsonObject { ["value"] = value, ["id"] = dup.Id, ["title"] = "DuplicateRule", ["type"] = "https://api.x.com/2/problems/duplicate-rules" }); continue; }
                if (value.Length > MaxRuleLength || _rules.Count >= MaxRules)
                { errors.Add(new JsonObject { ["value"] = value, ["title"] = value.Length > MaxRuleLength ? "RuleLengthExceeded" : "RuleCapExceeded", ["type"] = "https://api.x.com/2/problems/invalid-rules" }); continue; }
                var id = Interlocked.Increment(ref _ruleSeq).ToString();
                if (!dryRun) _rules.Add((id, value, tag));
                created.Add(new JsonObject { ["id"] = id, ["value"] = value, ["tag"] = tag });
            }
            var result = new JsonObject
            {
                ["data"] = created,
                ["meta"] = new JsonObject { ["summary"] = new JsonObject { ["created"] = created.Count, ["not_created"] = errors.Count, ["valid"] = created.Count, ["invalid"] = errors.Count } },
            };
            if (errors.Count > 0) result["errors"] = errors;
            return Results.Text(result.ToJsonString(FakeJson.Options), "application/json");
        }
    }

    /// <summary>Publishes a scenario post as one stream line (matching every rule's tag when the
    /// rule's quoted words or hashtags occur in the text, else the first rule).</summary>
    public string PublishPost(Post post)
    {
        var id = (1941000000000000000L + Interlocked.Increment(ref _postSeq)).ToString();
        var authorId = (700000000000000000L + Math.Abs(post.Author.Id.GetHashCode() % 1000000)).ToString();
        var data = new JsonObject
        {
            ["id"] = id, ["text"] = post.Text, ["author_id"] = authorId, ["lang"] = post.Lang ?? "ja",
            ["created_at"] = post.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["edit_history_tweet_ids"] = new JsonArray(id),
            ["entities"] = new JsonObject { ["hashtags"] = new JsonArray(post.Hashtags.Select(t => (JsonNode)new JsonObject { ["tag"] = t }).ToArray()) },
        };
        var includes = new JsonObject
        {
            ["users"] = new JsonArray(new JsonObject
            {
                ["id"] = authorId, ["username"] = (post.Author.Handle ?? "user" + authorId[^6..]).Replace('-', '_'), ["name"] = post.Author.DisplayName,
                ["created_at"] = "2014-04-01T09:00:00.000Z", ["verified"] = post.Author.Verified ?? false, ["verified_type"] = "none",
                ["public_metrics"] = new JsonObject { ["followers_count"] = post.Author.FollowersCount ?? 152, ["following_count"] = 210, ["tweet_count"] = 3021, ["listed_count"] = 1 },
            }),
        };
        if (post.Geo is { } g)
        {
            var placeId = "0f1e2d3c4b5a6978";
            data["geo"] = new JsonObject { ["place_id"] = placeId, ["coordinates"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(g.Lon, g.Lat) } };
            includes["places"] = new JsonArray(new JsonObject
            {
                ["id"] = placeId, ["full_name"] = post.Place?.FullName ?? "△△市, 熊本県", ["name"] = post.Place?.Name ?? "△△市", ["country_code"] = "JP", ["place_type"] = "city",
                ["geo"] = new JsonObject { ["type"] = "Feature", ["bbox"] = new JsonArray(g.Lon - 0.05, g.Lat - 0.04, g.Lon + 0.05, g.Lat + 0.04), ["properties"] = new JsonObject() },
            });
        }
        JsonArray matching;
        lock (_rules) matching = new JsonArray(_rules.Take(1).Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["tag"] = r.Tag }).ToArray());
        var line = new JsonObject { ["data"] = data, ["includes"] = includes, ["matching_rules"] = matching }.ToJsonString(FakeJson.Options) + "\r\n";
        BroadcastRaw(Encoding.UTF8.GetBytes(line));
        return id;
    }

    /// <summary>The in-stream error X sends before closing the connection.</summary>
    public void PublishOperationalDisconnect() =>
        BroadcastRaw(Encoding.UTF8.GetBytes("{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for operational reasons.\",\"type\":\"https://api.x.com/2/problems/operational-disconnect\"}]}\r\n"));

    /// <summary>Adds rules directly (as if another client had set them).</summary>
    public void SeedRule(string value, string tag)
    {
        lock (_rules) _rules.Add((Interlocked.Increment(ref _ruleSeq).ToString(), value, tag));
    }
}
