using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>Speaks the SignalR JSON hub protocol over a WebSocket by hand (the .NET SignalR
/// client package cannot be restored here), exactly as another system would.</summary>
public class PostsHubTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task A_hub_client_receives_only_the_posts_matching_its_filter()
    {
        // As another system would: API key, negotiate, WebSocket, then a filtered subscription.
        var ws = await ConnectAndSubscribeAsync("""{"categories":["rescue_request"],"relevant_only":true}""");

        var sink = factory.Services.GetRequiredService<IIngestSink>();
        await sink.OfferAsync(TestPosts.Make("hub-unrelated", "今日のランチはカレーでした"), OfferMode.Wait, default);
        await sink.OfferAsync(TestPosts.Make("hub-rescue", "#救助 益城町宮園 2階に取り残されています。助けてください"), OfferMode.Wait, default);

        var delivered = new List<JsonNode>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!delivered.Any(p => p["post"]!["source_post_id"]!.GetValue<string>() == "hub-rescue") && DateTime.UtcNow < deadline)
        {
            foreach (var msg in await ReceiveAsync(ws, TimeSpan.FromSeconds(20)))
            {
                var node = JsonNode.Parse(msg)!;
                if (node["type"]?.GetValue<int>() == 1 && node["target"]?.GetValue<string>() == "posts")
                    delivered.AddRange(node["arguments"]![0]!.AsArray().Select(n => n!));
            }
        }
        var rescue = delivered.Single(p => p["post"]!["source_post_id"]!.GetValue<string>() == "hub-rescue");
        Assert.Contains("rescue_request", rescue["analysis"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain(delivered, p => p["post"]!["source_post_id"]!.GetValue<string>() == "hub-unrelated");
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
    }

    [Fact]
    public async Task A_hub_client_is_told_which_delivered_posts_were_deleted_at_their_source()
    {
        var ws = await ConnectAndSubscribeAsync("""{"relevant_only":true}""");
        var sink = factory.Services.GetRequiredService<IIngestSink>();
        var id = "hub-del-" + Guid.NewGuid().ToString("N");
        await sink.OfferAsync(TestPosts.Make(id, "#救助 益城町宮園 1階が浸水、動けません"), OfferMode.Wait, default);
        await ReceiveUntilAsync(ws, "posts", n => n.AsArray().Any(p => p!["post"]!["source_post_id"]!.GetValue<string>() == id));

        // What the webhook DELETE, Jetstream and Mastodon deletions call once the store has the post.
        await factory.Services.GetRequiredService<IPostRetractor>().RetractAsync(new("x", id), default);
        var deleted = await ReceiveUntilAsync(ws, "deleted", n => n.AsArray().Any(k => k!["source_post_id"]!.GetValue<string>() == id));
        var key = deleted.AsArray().Single(k => k!["source_post_id"]!.GetValue<string>() == id)!;
        Assert.Equal("x", key["source"]!.GetValue<string>());
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
    }

    [Fact]
    public async Task A_hub_client_is_told_when_a_claim_changes_status()
    {
        var ws = await ConnectAndSubscribeAsync("null");
        var board = factory.Services.GetRequiredService<SnsDashboard.Core.Claims.ClaimStatusBoard>();
        var claim = "c-hub-" + Guid.NewGuid().ToString("N");
        board.Decide(new(claim, "debunked", "op-hub", DateTimeOffset.UtcNow));
        var changes = await ReceiveUntilAsync(ws, "claim_status", n => n.AsArray().Any(c => c!["claim_id"]!.GetValue<string>() == claim));
        var change = changes.AsArray().Single(c => c!["claim_id"]!.GetValue<string>() == claim)!;
        Assert.Equal("debunked", change["to"]!.GetValue<string>());
        Assert.Equal("op-hub", change["by"]!.GetValue<string>());
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
    }

    private async Task<WebSocket> ConnectAndSubscribeAsync(string filterJson)
    {
        var server = factory.Server;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestAccounts.ApiKey);
        var negotiate = await client.PostAsync("/hubs/posts/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await negotiate.Content.ReadAsStringAsync())!["connectionToken"]!.GetValue<string>();
        var ws = await server.CreateWebSocketClient().ConnectAsync(new Uri(server.BaseAddress, $"hubs/posts?id={token}&access_token={TestAccounts.ApiKey}"), default);
        await SendAsync(ws, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", (await ReceiveAsync(ws, TimeSpan.FromSeconds(10))).Single());
        await SendAsync(ws, $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":[{{filterJson}}]}""");
        await WaitForCompletionAsync(ws, "1");
        return ws;
    }

    /// <summary>The first argument of the first <paramref name="target"/> message that satisfies <paramref name="wanted"/>.</summary>
    private static async Task<JsonNode> ReceiveUntilAsync(WebSocket ws, string target, Func<JsonNode, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
            foreach (var msg in await ReceiveAsync(ws, TimeSpan.FromSeconds(30)))
            {
                var node = JsonNode.Parse(msg)!;
                if (node["type"]?.GetValue<int>() == 1 && node["target"]?.GetValue<string>() == target && wanted(node["arguments"]![0]!))
                    return node["arguments"]![0]!;
            }
        throw new TimeoutException("no matching " + target + " message");
    }

    private static Task SendAsync(WebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, default);

    private static async Task<List<string>> ReceiveAsync(WebSocket ws, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[1 << 16];
        var text = new StringBuilder();
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer, cts.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, r.Count));
            if (r.EndOfMessage && text.Length > 0 && text[^1] == RecordSeparator) break;
        }
        return text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static async Task WaitForCompletionAsync(WebSocket ws, string invocationId)
    {
        for (int i = 0; i < 20; i++)
            foreach (var msg in await ReceiveAsync(ws, TimeSpan.FromSeconds(10)))
            {
                var node = JsonNode.Parse(msg)!;
                if (node["type"]?.GetValue<int>() == 3 && node["invocationId"]?.GetValue<string>() == invocationId)
                {
                    Assert.Null(node["error"]);
                    return;
                }
            }
        Assert.Fail("no completion for the Subscribe invocation");
    }
}
