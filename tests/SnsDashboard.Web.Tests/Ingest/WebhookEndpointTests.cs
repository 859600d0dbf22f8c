using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Ingest;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Ingest;

public class WebhookEndpointTests(WebhookDashboardFactory factory) : IClassFixture<WebhookDashboardFactory>
{
    private static string PostJson(string id, string source = "webhook:cityform", string text = "□□町3丁目 市道が冠水、車両通行不可", string created = "2026-07-05T12:20:00+09:00") =>
        $$$"""{"schema_version":"1","source":"{{{source}}}","source_post_id":"{{{id}}}","text":"{{{text}}}","created_at":"{{{created}}}","author":{"id":"reporter-117"},"geo":{"lat":35.861,"lon":139.645,"kind":"exact"}}""";

    private HttpClient Client(string? token = WebhookDashboardFactory.CityToken)
    {
        var client = factory.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Body(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    // Waits for the posts this test sent: the class shares one store, so a count alone can be
    // reached by other tests' posts before these are written.
    private async Task<IReadOnlyList<string>> StoredIdsAsync(string source, params string[] awaited)
    {
        var store = factory.Services.GetRequiredService<IPostStore>();
        for (var i = 0; i < 100; i++)
        {
            var found = (await store.QueryAsync(new PostQuery { Sources = [source], Limit = 1000 })).Select(p => p.Post.SourcePostId).ToList();
            if (awaited.All(found.Contains)) return found;
            await Task.Delay(100);
        }
        return (await store.QueryAsync(new PostQuery { Sources = [source], Limit = 1000 })).Select(p => p.Post.SourcePostId).ToList();
    }

    [Fact]
    public async Task A_valid_batch_is_accepted_and_stored()
    {
        var response = await Client().PostAsync(WebhookEndpoints.PostsPath, Json($$"""{"posts":[{{PostJson("ok-1")}},{{PostJson("ok-2")}}]}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Body(response);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("rejected").GetArrayLength());
        var stored = await StoredIdsAsync("webhook:cityform", "ok-1", "ok-2");
        Assert.Contains("ok-1", stored);
        Assert.Contains("ok-2", stored);
    }

    [Fact]
    public async Task A_single_post_object_is_accepted_too()
    {
        var response = await Client().PostAsync(WebhookEndpoints.PostsPath, Json(PostJson("single-1")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await Body(response)).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Partial_acceptance_names_the_index_and_the_field_of_each_rejected_post()
    {
        var batch = $$"""
            {"posts":[
              {{PostJson("p-ok")}},
              {"schema_version":"1","source":"webhook:cityform","source_post_id":"p-noauthor","text":"x","created_at":"2026-07-05T12:20:00+09:00"},
              {{PostJson("p-baddate", created: "yesterday")}},
              42,
              {{PostJson("p-foreign", source: "x")}}
            ]}
            """;
        var response = await Client().PostAsync(WebhookEndpoints.PostsPath, Json(batch));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Body(response);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("errors")[0].GetString()!);
        Assert.Equal([1, 2, 3, 4], rejected.Keys.Order());
        Assert.Contains("author.id", rejected[1]);
        Assert.Contains("created_at", rejected[2]);
        Assert.Contains("not a JSON object", rejected[3]);
        Assert.Contains("not allowed", rejected[4]);
    }

    [Fact]
    public async Task Resending_the_same_post_is_idempotent()
    {
        var client = Client();
        Assert.Equal(1, (await Body(await client.PostAsync(WebhookEndpoints.PostsPath, Json(PostJson("idem-1"))))).GetProperty("accepted").GetInt32());
        var again = await Body(await client.PostAsync(WebhookEndpoints.PostsPath, Json(PostJson("idem-1"))));
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
        Assert.Single(await StoredIdsAsync("webhook:cityform", "idem-1"), id => id == "idem-1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Missing_or_unknown_tokens_get_401(string? token)
    {
        var response = await Client(token).PostAsync(WebhookEndpoints.PostsPath, Json(PostJson("auth-1")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_content_type_gets_415()
    {
        var response = await Client().PostAsync(WebhookEndpoints.PostsPath, new StringContent(PostJson("ct-1"), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Batches_over_the_post_limit_or_the_byte_limit_get_413()
    {
        var tooMany = "{\"posts\":[" + string.Join(",", Enumerable.Range(0, 21).Select(i => PostJson("many-" + i))) + "]}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Client().PostAsync(WebhookEndpoints.PostsPath, Json(tooMany))).StatusCode);
        var huge = PostJson("huge", text: new string('あ', 100_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Client().PostAsync(WebhookEndpoints.PostsPath, Json(huge))).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_invalid_utf8_and_nesting_bombs_get_400_with_a_reason()
    {
        var client = Client();
        var malformed = await client.PostAsync(WebhookEndpoints.PostsPath, Json("{\"posts\":[{\"schema_version\":"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("malformed JSON", (await Body(malformed)).GetProperty("error").GetString());

        var invalidUtf8 = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"text\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]);
        invalidUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var utf8Response = await client.PostAsync(WebhookEndpoints.PostsPath, invalidUtf8);
        Assert.Equal(HttpStatusCode.BadRequest, utf8Response.StatusCode);
        Assert.Contains("UTF-8", (await Body(utf8Response)).GetProperty("error").GetString());

        var bomb = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(WebhookEndpoints.PostsPath, Json(bomb))).StatusCode);
    }

    [Fact]
    public async Task Signed_sender_needs_a_valid_fresh_signature()
    {
        var client = Client(WebhookDashboardFactory.RelayToken);
        var body = PostJson("signed-1", source: "line:bot");
        var bytes = Encoding.UTF8.GetBytes(body);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

        HttpRequestMessage Request(string timestamp, string signature)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoints.PostsPath) { Content = Json(body) };
            r.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
            r.Headers.Add(WebhookSignature.SignatureHeader, signature);
            return r;
        }

        var unsigned = await client.PostAsync(WebhookEndpoints.PostsPath, Json(body));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        var wrong = await client.SendAsync(Request(now, WebhookSignature.Header("other-secret", now, bytes)));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("mismatch", (await Body(wrong)).GetProperty("error").GetString());

        var old = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600).ToString();
        var stale = await client.SendAsync(Request(old, WebhookSignature.Header(WebhookDashboardFactory.RelaySecret, old, bytes)));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);

        var good = await client.SendAsync(Request(now, WebhookSignature.Header(WebhookDashboardFactory.RelaySecret, now, bytes)));
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(1, (await Body(good)).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Delete_removes_the_post_from_the_store()
    {
        var client = Client();
        await client.PostAsync(WebhookEndpoints.PostsPath, Json(PostJson("del-1")));
        Assert.Contains("del-1", await StoredIdsAsync("webhook:cityform", "del-1"));

        var response = await client.DeleteAsync(WebhookEndpoints.PostsPath + "/webhook:cityform/del-1");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var store = factory.Services.GetRequiredService<IPostStore>();
        var left = await store.QueryAsync(new PostQuery { Sources = ["webhook:cityform"], Limit = 1000 });
        Assert.DoesNotContain(left, p => p.Post.SourcePostId == "del-1");
    }

    [Fact]
    public async Task Delete_of_another_senders_source_is_forbidden()
    {
        var response = await Client().DeleteAsync(WebhookEndpoints.PostsPath + "/line:bot/x-1");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_status_page_lists_each_webhook_sender_without_its_token()
    {
        await Client().PostAsync(WebhookEndpoints.PostsPath, Json(PostJson("status-1")));
        var html = await (await factory.SignedInClientAsync("operator")).GetStringAsync("/status");
        Assert.Contains("webhook:cityform", html);
        Assert.Contains("webhook:relay", html);
        Assert.DoesNotContain(WebhookDashboardFactory.CityToken, html);
    }
}
