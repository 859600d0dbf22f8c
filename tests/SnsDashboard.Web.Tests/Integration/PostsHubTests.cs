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
        var server = factory.Server;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestAccounts.ApiKey); // as another system would
        var negotiate = await client.PostAsync("/hubs/posts/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await negotiate.Content.ReadAsStringAsync())!["connectionToken"]!.GetValue<string>();

        var ws = await server.CreateWebSocketClient().ConnectAsync(new Uri(server.BaseAddress, $"hubs/posts?id={token}&access_token={TestAccounts.ApiKey}"), default);
        await SendAsync(ws, """{"protocol":"json","version":1}""");
        Assert.Equal("{}", (await ReceiveAsync(ws, TimeSpan.FromSeconds(10))).Single());
        await SendAsync(ws, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":[{"categories":["rescue_request"],"relevant_only":true}]}""");
        await WaitForCompletionAsync(ws, "1");

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
