using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Benchmarks.Sources;

/// <summary>
/// Webhook end to end (issue 7): the real dashboard host (Kestrel on loopback, the full pipeline,
/// SQLite) receives batches of 500 over HTTP with a sender token from <c>senders</c> concurrent
/// clients; the rate is posts in the store per second, from the first request to the last post
/// stored. Baseline in the same run: the in-process ingestor (JSON, schema check, de-dup, queue;
/// no HTTP, no pipeline, no store). Also reports the process CPU time per post, the honest
/// figure on a loaded machine.
/// </summary>
public static class WebhookHttpLoadTest
{
    private const string Token = "bench-webhook-token-0123456789";

    public static async Task RunAsync(string[] args)
    {
        int posts = args.Length > 0 ? int.Parse(args[0]) : 50_000;
        int senders = args.Length > 1 ? int.Parse(args[1]) : 2;
        var bodies = Bodies(posts);

        var baseline = await SourcesLoadTest.WebhookIngestorRateAsync(posts);
        Console.WriteLine($"baseline: in-process ingestor {baseline:N0} posts/s (batches of 500)");

        var dataDir = Directory.CreateTempSubdirectory("sns-bench-webhook-").FullName;
        var app = DashboardApp.Build(["--environment=Production"], new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Sources:Replay:Enabled"] = "false",
            ["Sources:Webhook:Enabled"] = "true",
            ["Sources:Webhook:Clients:0:Name"] = "bench",
            ["Sources:Webhook:Clients:0:Token"] = Token,
            ["Sources:Webhook:Clients:0:AllowedSources:0"] = "webhook:bench",
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var store = app.Services.GetRequiredService<IPostStore>();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long accepted = 0, retried = 0;
            int next = -1;
            await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
            {
                for (int i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
                {
                    while (true)
                    {
                        using var content = new ByteArrayContent(bodies[i]);
                        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                        using var response = await http.PostAsync(WebhookEndpoints.PostsPath, content);
                        if ((int)response.StatusCode == 429) { Interlocked.Increment(ref retried); await Task.Delay(50); continue; }
                        response.EnsureSuccessStatusCode();
                        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        Interlocked.Add(ref accepted, json.RootElement.GetProperty("accepted").GetInt32());
                        break;
                    }
                }
            })));
            var sent = sw.Elapsed;
            var query = new PostQuery { Sources = ["webhook:bench"] };
            long stored;
            while ((stored = await store.CountAsync(query)) < accepted) await Task.Delay(20);
            var total = sw.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            double rate = stored / total.TotalSeconds;
            Console.WriteLine($"webhook over HTTP ({senders} senders, batches of 500): accepted {accepted:N0} in {sent.TotalSeconds:N2} s " +
                              $"({accepted / sent.TotalSeconds:N0} posts/s answered), {retried} batches retried after 429");
            Console.WriteLine($"  end to end into the store: {stored:N0} posts in {total.TotalSeconds:N2} s = {rate:N0} posts/s " +
                              $"({rate / baseline:P0} of the in-process ingestor); CPU {cpu.TotalMicroseconds / stored:N1} µs/post (whole process)");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private static List<byte[]> Bodies(int posts)
    {
        var bodies = new List<byte[]>();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        for (var start = 0; start < posts; start += 500)
            bodies.Add(Encoding.UTF8.GetBytes("{\"posts\":[" + string.Join(",", Enumerable.Range(start, Math.Min(500, posts - start)).Select(i => PostJson.Serialize(new Post
            {
                Source = "webhook:bench", SourcePostId = "w" + i, CreatedAt = t0.AddMilliseconds(i),
                Text = i % 3 == 0 ? $"#救助 熊本市東区健軍本町{i % 9 + 1}丁目 2階に取り残されています {i}" : $"益城町で停電しています、復旧はいつ？ {i}",
                Author = new PostAuthor { Id = "reporter-" + (i % 2000) },
            }))) + "]}"));
        return bodies;
    }
}
