using System.Text.Json;
using System.Text.Json.Nodes;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Ingest;

/// <summary>
/// Turns one webhook body (a post, or <c>{"posts":[…]}</c>) into offers to the pipeline:
/// partial acceptance with a precise error per rejected post, idempotent on
/// (source, source_post_id), and a 429 when the queue cannot take the batch. No HTTP types here,
/// so the rules are tested without a server.
/// </summary>
public sealed class WebhookIngestor(IIngestSink sink, IngestQueue queue, PipelineOptions pipeline, WebhookOptions options, TimeProvider time)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public async Task<WebhookOutcome> IngestAsync(WebhookClient client, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            client.Health.MessageRejected("body is not valid UTF-8");
            return WebhookOutcome.Error(400, "body is not valid UTF-8");
        }
        JsonNode? root;
        try { root = JsonNode.Parse(body.Span, NodeOptions, DocumentOptions); }
        catch (JsonException e)
        {
            client.Health.MessageRejected("malformed JSON body");
            return WebhookOutcome.Error(400, $"malformed JSON: {e.Message}");
        }

        IList<JsonNode?> items;
        if (root is JsonObject obj && obj.TryGetPropertyValue("posts", out var posts))
        {
            if (posts is not JsonArray array) return WebhookOutcome.Error(400, "\"posts\" must be an array");
            items = array;
        }
        else if (root is JsonObject single) items = new List<JsonNode?> { single };
        else return WebhookOutcome.Error(400, "body must be a post object or {\"posts\":[...]}");

        if (items.Count == 0) return WebhookOutcome.Error(400, "\"posts\" is empty");
        if (items.Count > options.MaxBatchPosts)
            return WebhookOutcome.Error(413, $"batch of {items.Count} posts exceeds the limit of {options.MaxBatchPosts}");

        // Refuse the whole batch up front when it cannot fit: the sender retries it later as one
        // unit instead of learning about a random subset that was shed.
        if (pipeline.QueueCapacity - queue.Depth < items.Count)
            return WebhookOutcome.Busy(options.RetryAfterSeconds);

        var now = time.GetUtcNow();
        var result = new WebhookResponse();
        var shed = false;
        for (var i = 0; i < items.Count; i++)
        {
            var error = await IngestOneAsync(client, items[i], now, ct);
            switch (error)
            {
                case null: result.Accepted++; break;
                case DuplicateMarker: result.Duplicates++; break;
                default:
                    if (ReferenceEquals(error, QueueFull)) shed = true;
                    result.Rejected.Add(new WebhookRejection(i, [error]));
                    client.Health.MessageRejected($"post {i}: {error}");
                    sink.ReportRejected(client.Name, $"webhook post {i}: {error}");
                    break;
            }
        }
        return new WebhookOutcome(202, result, shed ? options.RetryAfterSeconds : null);
    }

    private const string DuplicateMarker = "\u0000duplicate";
    private const string QueueFull = "queue full: retry this post later";

    private async Task<string?> IngestOneAsync(WebhookClient client, JsonNode? node, DateTimeOffset now, CancellationToken ct)
    {
        if (node is not JsonObject obj) return "not a JSON object";
        var parsed = PostJson.Parse(obj);
        if (!parsed.Success) return parsed.Error;
        var post = parsed.Post!;
        if (!client.Allows(post.Source))
            return $"source \"{post.Source}\" is not allowed for this token (allowed: {string.Join(", ", client.Options.Sources)})";
        if (post.ReceivedAt is null) post = post with { ReceivedAt = now };
        switch (await sink.OfferAsync(post, OfferMode.NoWait, ct))
        {
            case IngestResult.Accepted:
                client.Health.MessageReceived(now);
                return null;
            case IngestResult.Duplicate:
                client.Health.Drop("duplicate");
                return DuplicateMarker;
            case IngestResult.Shed:
                return QueueFull;
            default:
                return "rejected by the pipeline";
        }
    }
}

public sealed class WebhookResponse
{
    public int Accepted { get; set; }
    public int Duplicates { get; set; }
    public List<WebhookRejection> Rejected { get; } = [];
    public string? Error { get; set; }
}

public sealed record WebhookRejection(int Index, IReadOnlyList<string> Errors);

public sealed record WebhookOutcome(int StatusCode, WebhookResponse Body, int? RetryAfterSeconds = null)
{
    public static WebhookOutcome Error(int status, string error) => new(status, new WebhookResponse { Error = error });
    public static WebhookOutcome Busy(int retryAfterSeconds) =>
        new(429, new WebhookResponse { Error = "ingest queue is full; retry later" }, retryAfterSeconds);
}
