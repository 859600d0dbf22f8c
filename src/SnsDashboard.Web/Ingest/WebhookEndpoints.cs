using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Ingest;

/// <summary>
/// <c>POST /ingest/v1/posts</c> and <c>DELETE /ingest/v1/posts/{source}/{source_post_id}</c>
/// (protocols.md §5). Authentication is the per-sender bearer token (not the dashboard's user
/// sign-in) plus, when the sender has a secret, the HMAC signature over the raw body.
/// </summary>
public static class WebhookEndpoints
{
    public const string PostsPath = "/ingest/v1/posts";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapWebhookIngest(this IEndpointRouteBuilder app)
    {
        // Senders authenticate with their own per-source token (checked here), not with a
        // dashboard session or API key: the endpoints are anonymous to the auth middleware.
        app.MapPost(PostsPath, PostAsync).AllowAnonymous().DisableAntiforgery();
        app.MapDelete(PostsPath + "/{source}/{sourcePostId}", DeleteAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext http, WebhookClients clients, WebhookIngestor ingestor, TimeProvider time, CancellationToken ct)
    {
        var options = clients.Options;
        if (!options.Enabled) return Results.NotFound();
        if (Authenticate(http, clients) is not { } client) return Unauthorized();

        var contentType = http.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mt)
            || !mt.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mt.Charset.HasValue && !mt.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return Error(415, "Content-Type must be application/json; charset=utf-8");

        if (http.Request.ContentLength > options.MaxBodyBytes)
            return Error(413, $"body larger than {options.MaxBodyBytes} bytes");
        var body = await ReadBodyAsync(http.Request.Body, options.MaxBodyBytes, ct);
        if (body is null) return Error(413, $"body larger than {options.MaxBodyBytes} bytes");

        if (!string.IsNullOrEmpty(client.Options.HmacSecret))
        {
            var problem = WebhookSignature.Verify(client.Options.HmacSecret,
                http.Request.Headers[WebhookSignature.TimestampHeader], http.Request.Headers[WebhookSignature.SignatureHeader],
                body, time.GetUtcNow(), TimeSpan.FromSeconds(options.SignatureToleranceSeconds));
            if (problem is not null)
            {
                client.Health.MessageRejected("signature: " + problem);
                return Error(401, problem);
            }
        }

        var outcome = await ingestor.IngestAsync(client, body, ct);
        if (outcome.RetryAfterSeconds is { } retry) http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(outcome.Body, Json, statusCode: outcome.StatusCode);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string source, string sourcePostId, WebhookClients clients, IPostRetractor retractor, CancellationToken ct)
    {
        if (!clients.Options.Enabled) return Results.NotFound();
        if (Authenticate(http, clients) is not { } client) return Unauthorized();
        if (!client.Allows(source)) return Error(403, $"source \"{source}\" is not allowed for this token");
        await retractor.RetractAsync(new PostKey(source, sourcePostId), ct);
        client.Health.Drop("deleted_by_sender");
        return Results.NoContent();
    }

    private static WebhookClient? Authenticate(HttpContext http, WebhookClients clients)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? clients.FindByToken(header[prefix.Length..].Trim()) : null;
    }

    private static IResult Unauthorized() =>
        Results.Json(new WebhookResponse { Error = "missing or unknown bearer token" }, Json, statusCode: 401);

    private static IResult Error(int status, string error) => Results.Json(new WebhookResponse { Error = error }, Json, statusCode: status);

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n;
            while ((n = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > limit) return null;
                buffer.Write(chunk, 0, n);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(chunk); }
        return buffer.ToArray();
    }
}
