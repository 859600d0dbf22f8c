using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.X;

/// <summary>
/// X API v2 filtered stream (protocols.md §1): rules synchronised (add/delete diff) before each
/// connection, then one long-lived NDJSON response parsed by line; empty lines are the 20 s
/// keep-alives and the stall watchdog (30 s) tears down a silent connection. Self-serve tiers
/// have no backfill, so every reconnect is reported as a gap — never hidden.
/// </summary>
public sealed class XFilteredStreamSource : LiveSource
{
    private readonly XOptions _options;
    private readonly HttpClient _http;
    private readonly IXRuleProvider _rules;
    private static readonly JsonDocumentOptions DocOptions = new() { MaxDepth = 48 };

    public XFilteredStreamSource(XOptions options, HttpClient http, IXRuleProvider? rules = null, ILogger<XFilteredStreamSource>? logger = null, TimeProvider? time = null)
        : base(XPostMapper.SourceName, options, options.BaseUrl.TrimEnd('/') + "/2/tweets/search/stream", logger ?? (ILogger)NullLogger.Instance, time)
    {
        _options = options;
        _http = http;
        _rules = rules ?? new FixedXRules(null);
    }

    /// <summary>Outcome of the last rule synchronisation (for the admin page).</summary>
    public string? LastRuleSync { get; private set; }

    protected override Task OnReconnectedAsync(DateTimeOffset disconnectedAt, CancellationToken ct)
    {
        Health.GapReported($"{Jst(disconnectedAt)}–{Jst(Time.GetUtcNow())}: X filtered stream has no backfill on this tier; posts of this period are missing");
        return Task.CompletedTask;
    }

    protected override async Task RunConnectionAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(_options.BearerToken))
            throw new SourceConnectionException("no bearer token configured (Sources:X:BearerToken)", DisconnectKind.Unauthorized);
        if (_options.SyncRules && _rules.GetRules() is { } wanted) await SyncRulesAsync(wanted, ct);

        using var watchdog = new StallWatchdog(_options.StallTimeout, Time, ct);
        using var request = Request(HttpMethod.Get, "/2/tweets/search/stream?" + XOptions.StreamQuery);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ProblemAsync(response, ct);
            var e = SourceConnectionException.FromResponse(response, "X refused the stream" + problem, Time.GetUtcNow());
            throw e;
        }
        await MarkConnected(ct);
        await using var body = await response.Content.ReadAsStreamAsync(watchdog.Token);
        var pending = new List<Core.Posts.Post>();
        var lines = new StreamLineReader(body, _options.MaxMessageBytes);
        var operationalDisconnect = false;
        try
        {
            await lines.ReadAllAsync(line =>
            {
                if (line.IsEmpty) return; // keep-alive
                try
                {
                    using var doc = JsonDocument.Parse(line.ToArray(), DocOptions);
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) { Reject("malformed", "line is not an object"); return; }
                    var hasData = root.TryGetProperty("data", out _);
                    if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var err in errors.EnumerateArray())
                        {
                            var title = XPostMapper.Str(err, "title") ?? XPostMapper.Str(err, "message") ?? "error";
                            if (title == "operational-disconnect") operationalDisconnect = true;
                            if (!hasData) Reject("stream_error", title + ": " + XPostMapper.Str(err, "detail"));
                        }
                        if (!hasData) return;
                    }
                    if (!hasData) { Drop("unknown_event"); return; }
                    var post = XPostMapper.Map(root, Time.GetUtcNow(), out var error);
                    if (post is null) Reject("invalid_post", error);
                    else pending.Add(post);
                }
                catch (JsonException e) { Reject("malformed", e.Message); }
            },
            () => Reject("oversized", $"line over {_options.MaxMessageBytes} bytes"),
            async () =>
            {
                watchdog.Alive();
                Health.Activity(Time.GetUtcNow());
                foreach (var p in pending) await OfferAsync(p, ct);
                pending.Clear();
            }, watchdog.Token);
        }
        catch (OperationCanceledException) when (watchdog.Stalled && !ct.IsCancellationRequested)
        {
            throw new StallException(watchdog.Timeout);
        }
        if (operationalDisconnect) throw new SourceConnectionException("X operational disconnect", DisconnectKind.Error);
    }

    /// <summary>Reads the active rules, deletes what is not wanted, adds what is missing.</summary>
    public async Task SyncRulesAsync(IReadOnlyList<XStreamRule> wanted, CancellationToken ct)
    {
        var active = new List<XActiveRule>();
        string? next = null;
        do
        {
            using var get = Request(HttpMethod.Get, "/2/tweets/search/stream/rules?max_results=1000" + (next is null ? "" : "&pagination_token=" + Uri.EscapeDataString(next)));
            using var response = await _http.SendAsync(get, ct);
            if (!response.IsSuccessStatusCode) throw SourceConnectionException.FromResponse(response, "X rules read" + await ProblemAsync(response, ct), Time.GetUtcNow());
            var doc = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            if (doc?["data"] is JsonArray data)
                foreach (var r in data)
                    if (r?["id"]?.GetValue<string>() is { } id && r["value"]?.GetValue<string>() is { } value)
                        active.Add(new XActiveRule(id, value, r["tag"]?.GetValue<string>()));
            next = doc?["meta"]?["next_token"]?.GetValue<string>();
        } while (next is not null);

        var (delete, add) = XRuleDiff.Compute(active, wanted);
        if (delete.Count > 0)
            await PostRulesAsync(new JsonObject { ["delete"] = new JsonObject { ["ids"] = new JsonArray(delete.Select(i => (JsonNode)i).ToArray()) } }, ct);
        var rejected = 0;
        if (add.Count > 0)
        {
            var result = await PostRulesAsync(new JsonObject { ["add"] = new JsonArray(add.Select(r => (JsonNode)new JsonObject { ["value"] = r.Value, ["tag"] = r.Tag }).ToArray()) }, ct);
            if (result?["errors"] is JsonArray errors)
                foreach (var e in errors)
                {
                    if (e?["title"]?.GetValue<string>() == "DuplicateRule") continue;
                    rejected++;
                    Reject("rule_rejected", $"{e?["title"]}: {e?["value"]}");
                }
        }
        LastRuleSync = $"{Jst(Time.GetUtcNow())}: {active.Count} active, {delete.Count} deleted, {add.Count - rejected} added, {rejected} rejected";
        Logger.LogInformation("X rules synchronised: {Summary}", LastRuleSync);
    }

    private async Task<JsonObject?> PostRulesAsync(JsonObject body, CancellationToken ct)
    {
        using var post = Request(HttpMethod.Post, "/2/tweets/search/stream/rules");
        post.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(post, ct);
        if (!response.IsSuccessStatusCode) throw SourceConnectionException.FromResponse(response, "X rules update" + await ProblemAsync(response, ct), Time.GetUtcNow());
        var text = await response.Content.ReadAsStringAsync(ct);
        try { return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; } // the change was applied (2xx); only the summary is unreadable
    }

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery)
    {
        var r = new HttpRequestMessage(method, _options.BaseUrl.TrimEnd('/') + pathAndQuery);
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
        r.Headers.UserAgent.ParseAdd("SnsDashboard/1.0");
        return r;
    }

    /// <summary>The problem title/detail of an error body (RFC 7807 or the older errors[] shape), short.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (text.Length > 2000) text = text[..2000];
            var node = JsonNode.Parse(text) as JsonObject;
            var title = node?["title"]?.ToString() ?? node?["errors"]?[0]?["message"]?.ToString() ?? node?["errors"]?[0]?["title"]?.ToString();
            var detail = node?["detail"]?.ToString();
            return title is null ? "" : $" ({title}{(detail is null ? "" : ": " + detail)})";
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or InvalidOperationException) { return ""; }
    }
}
