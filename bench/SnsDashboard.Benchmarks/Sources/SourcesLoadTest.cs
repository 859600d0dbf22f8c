using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Fakes;
using SnsDashboard.Sources.Bluesky;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Benchmarks.Sources;

/// <summary>
/// Live-source throughput (issue 7): Jetstream parse+filter on one thread (baseline: bare
/// JsonDocument.Parse of the same frames, same run), Jetstream over loopback WebSocket from the
/// fake, webhook batches through the ingestor into the real queue, and memory with 10 connected
/// sources. Numbers on a shared 2-core machine are noisy: compare the ratios.
/// </summary>
public static class SourcesLoadTest
{
    public static async Task RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        var frames = JetstreamFrames(events);
        Console.WriteLine($"frames: {events:N0}, mean {frames.Average(f => f.Length):N0} bytes, 1 in 2 Japanese (others filtered by language)");

        // Baseline: parse only.
        var sw = Stopwatch.StartNew();
        foreach (var f in frames) using (JsonDocument.Parse(f)) { }
        var parseRate = events / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"baseline JsonDocument.Parse: {parseRate:N0} events/s");

        // Connector handling (parse, map, language filter, profile cache lookup, offer).
        var sink = new CountingSink();
        var source = new JetstreamSource(new JetstreamOptions { Profiles = { Enabled = false } }, new HttpClient());
        await WarmAsync(source, sink, frames);
        sink.Reset();
        sw.Restart();
        foreach (var f in frames) await source.HandleAsync(f, default);
        var handleRate = events / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"Jetstream HandleAsync (one thread): {handleRate:N0} events/s ({handleRate / parseRate:P0} of bare parse), offered {sink.Count:N0}");

        await LoopbackJetstreamAsync(Math.Min(events, 100_000));
        await WebhookAsync(Math.Min(events, 200_000));
        await TenSourcesMemoryAsync();
    }

    private static async Task WarmAsync(JetstreamSource source, CountingSink sink, byte[][] frames)
    {
        var runner = source.RunAsync(sink, new CancellationToken(true)); // sets the sink, returns at once
        await runner;
        for (var i = 0; i < Math.Min(20_000, frames.Length); i++) await source.HandleAsync(frames[i], default);
    }

    private static async Task LoopbackJetstreamAsync(int events)
    {
        await using var fake = new JetstreamFake();
        await fake.StartAsync();
        var sink = new CountingSink();
        var source = new JetstreamSource(new JetstreamOptions
        {
            JetstreamUrl = new Uri(fake.BaseUri, "subscribe").ToString(), Profiles = { Enabled = false },
        }, new HttpClient());
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(sink, stop.Token);
        while (fake.ActiveConnections == 0) await Task.Delay(10);
        var posts = Enumerable.Range(0, events).Select(i => Post(i)).ToList();
        var sw = Stopwatch.StartNew();
        foreach (var p in posts) fake.PublishPost(p, i(p) % 2 == 0 ? "ja" : "en");
        var expected = events / 2;
        while (sink.Count < expected && sw.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(5);
        Console.WriteLine($"Jetstream over loopback WebSocket (fake builds JSON on the same 2 cores): {events / sw.Elapsed.TotalSeconds:N0} events/s, {sink.Count:N0} offered");
        stop.Cancel();
        await run;
        static int i(Post p) => int.Parse(p.SourcePostId[1..]);
    }

    private static async Task WebhookAsync(int posts) =>
        Console.WriteLine($"webhook ingestor, batches of 500 (JSON parse, schema check, de-dup, queue; no HTTP): {await WebhookIngestorRateAsync(posts):N0} posts/s");

    /// <summary>Posts/s accepted by the in-process ingestor in batches of 500 (the webhook-http baseline).</summary>
    internal static async Task<double> WebhookIngestorRateAsync(int posts)
    {
        var pipeline = new PipelineOptions { QueueCapacity = 1_000_000, DedupWindow = 2_000_000, CriticalWaitMs = 0 };
        var queue = new IngestQueue(pipeline, new PipelineMetrics(), TimeProvider.System, NullLogger<IngestQueue>.Instance);
        var ingestor = new WebhookIngestor(queue, queue, pipeline, new WebhookOptions { Enabled = true }, TimeProvider.System);
        var client = new WebhookClient(new WebhookClientOptions { Name = "bench", Token = "t" });
        using var stop = new CancellationTokenSource();
        var drain = Task.Run(async () => { try { await foreach (var _ in queue.Reader.ReadAllAsync(stop.Token)) { } } catch (OperationCanceledException) { } });
        var bodies = new List<byte[]>();
        for (var start = 0; start < posts; start += 500)
            bodies.Add(Encoding.UTF8.GetBytes("{\"posts\":[" + string.Join(",", Enumerable.Range(start, Math.Min(500, posts - start)).Select(i => PostJson.Serialize(Post(i) with { Source = "webhook:bench" }))) + "]}"));
        var sw = Stopwatch.StartNew();
        long accepted = 0;
        foreach (var b in bodies) accepted += (await ingestor.IngestAsync(client, b, default)).Body.Accepted;
        var rate = accepted / sw.Elapsed.TotalSeconds;
        stop.Cancel();
        await drain;
        return rate;
    }

    private static async Task TenSourcesMemoryAsync()
    {
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var before = GC.GetTotalMemory(true);
        var ws0 = Environment.WorkingSet;
        await using var fake = new JetstreamFake();
        await fake.StartAsync();
        var sink = new CountingSink();
        using var stop = new CancellationTokenSource();
        var runs = Enumerable.Range(0, 10).Select(_ => new JetstreamSource(new JetstreamOptions
        {
            JetstreamUrl = new Uri(fake.BaseUri, "subscribe").ToString(), Profiles = { Enabled = false },
        }, new HttpClient()).RunAsync(sink, stop.Token)).ToList();
        while (fake.ActiveConnections < 10) await Task.Delay(10);
        for (var i = 0; i < 10_000; i++) fake.PublishPost(Post(i));
        while (sink.Count < 100_000) await Task.Delay(10);
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"10 Jetstream sources connected, 100,000 posts delivered: managed heap +{(after - before) / 1024.0 / 1024.0:N1} MB (includes the fake's 10,000-event replay log), working set {ws0 / 1048576:N0} -> {Environment.WorkingSet / 1048576:N0} MB");
        stop.Cancel();
        await Task.WhenAll(runs);
    }

    private static byte[][] JetstreamFrames(int n)
    {
        var frames = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            var did = "did:plc:" + (i % 5000).ToString("x24");
            var lang = i % 2 == 0 ? "ja" : "en";
            var text = i % 2 == 0 ? $"駅前の道路が冠水して車が動けない #大雨 {i}" : $"Nice weather today {i}";
            frames[i] = Encoding.UTF8.GetBytes($$$"""{"did":"{{{did}}}","time_us":{{{1783226000000000L + i}}},"kind":"commit","commit":{"rev":"3mpzzzzzzzz2a","operation":"create","collection":"app.bsky.feed.post","rkey":"3m{{{i:x11}}}","record":{"$type":"app.bsky.feed.post","createdAt":"2026-07-05T03:16:40.120Z","langs":["{{{lang}}}"],"text":"{{{text}}}","facets":[{"index":{"byteStart":49,"byteEnd":56},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"大雨"}]}]},"cid":"bafyreiexampleexampleexampleexampleexampleexampleexample"}}""");
        }
        return frames;
    }

    private static Post Post(int i) => new()
    {
        Source = "bench", SourcePostId = "p" + i, Text = "駅前の道路が冠水して車が動けない #大雨 " + i, Lang = "ja",
        CreatedAt = DateTimeOffset.UtcNow, Author = new PostAuthor { Id = "author-" + (i % 5000), Handle = "a" + (i % 5000) }, Hashtags = ["大雨"],
    };

    private sealed class CountingSink : IIngestSink
    {
        private long _count;
        public long Count => Interlocked.Read(ref _count);
        public void Reset() => Interlocked.Exchange(ref _count, 0);
        public ValueTask<IngestResult> OfferAsync(Post post, OfferMode mode, CancellationToken ct) { Interlocked.Increment(ref _count); return ValueTask.FromResult(IngestResult.Accepted); }
        public void ReportRejected(string source, string reason) { }
    }
}
