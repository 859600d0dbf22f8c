using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Sources.Replay.Composing;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>
/// Sustained pipeline throughput: synthetic posts offered as fast as the pipeline takes them
/// (lossless Wait mode) through ingest → all stages → SQLite → bus, for a fixed number of posts.
/// Three variants in one run, so the ratios are comparable on a noisy machine:
/// <c>full</c> (stages + SQLite), <c>stages</c> (stages, store discards), <c>store</c> (no analysis,
/// SQLite only). Prints posts/s per second, managed heap and working set over time.
/// </summary>
public static class PipelineLoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        int posts = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        Console.WriteLine($"# pipeline load test: {posts:N0} synthetic posts per variant, {Environment.ProcessorCount} cores, {DateTime.UtcNow:O}");
        var input = SyntheticPostGenerator.Generate(20_000, (posts + 20_000 * 60 - 1) / (20_000 * 60), DateTimeOffset.UtcNow, 42).Take(posts).ToList();
        Console.WriteLine($"# generated {input.Count:N0} posts in memory");
        var snapshot = PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"));
        foreach (var variant in (Environment.GetEnvironmentVariable("VARIANTS") ?? "store,stages,full").Split(','))
            await RunVariantAsync(variant, input, snapshot);
        return 0;
    }

    private static async Task RunVariantAsync(string variant, List<Post> input, PipelineSnapshot snapshot)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long live0 = GC.GetTotalMemory(false);
        var dir = Directory.CreateTempSubdirectory("sns-load-").FullName;
        IPostStore store = variant == "stages" ? new DiscardingStore() : new SqlitePostStore(new SqliteStoreOptions { DataDir = dir });
        await store.InitialiseAsync();
        var metrics = new PipelineMetrics();
        var options = new PipelineOptions { QueueCapacity = 50_000, MaxBatchSize = 2_000, DedupWindow = 1_000_000 };
        if (int.TryParse(Environment.GetEnvironmentVariable("STORE_QUEUE_BATCHES"), out var storeQueue)) options.StoreQueueBatches = storeQueue;
        var queue = new IngestQueue(options, metrics, TimeProvider.System, NullLogger<IngestQueue>.Instance);
        // ANALYSIS_WORKERS=1 runs the pure stages on the analysis loop alone (the build before they ran in parallel).
        int workers = int.TryParse(Environment.GetEnvironmentVariable("ANALYSIS_WORKERS"), out var w) ? w : 0;
        var analyser = new PostAnalyser(new SnapshotHolder(snapshot), new SnsDashboard.Core.Claims.ClaimStatusBoard(), workers: workers);
        BatchAnalysis inner = variant == "store" ? (posts, _, results, _) => { for (int i = 0; i < posts.Count; i++) results[i] = PostAnalysis.Empty; } : analyser.AnalyseBatch;
        long analyseTicks = 0;
        BatchAnalysis analyse = (p, t, r, e) => { var t0 = Stopwatch.GetTimestamp(); inner(p, t, r, e); analyseTicks += Stopwatch.GetTimestamp() - t0; };
        store = new TimingStore(store);
        var runner = new PipelineRunner(queue, analyse, store, new CountingPublisher(), metrics, options, TimeProvider.System,
            NullLogger<PipelineRunner>.Instance);

        GC.Collect();
        long allocated0 = GC.GetTotalAllocatedBytes(false);
        var gcPause0 = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var threads0 = ThreadCpu.ByThreadName();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var run = runner.RunAsync(CancellationToken.None);
        var producer = Task.Run(async () =>
        {
            foreach (var p in input) await queue.OfferAsync(p, OfferMode.Wait, default);
            queue.Complete();
        });
        long lastStored = 0;
        var samples = new List<double>();
        long peakWs = 0, peakHeap = 0;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(1000));
            var stored = metrics.Snapshot().Stored;
            var rate = stored - lastStored;
            lastStored = stored;
            var heap = GC.GetTotalMemory(false);
            var ws = Environment.WorkingSet;
            peakWs = Math.Max(peakWs, ws);
            peakHeap = Math.Max(peakHeap, heap);
            if (!run.IsCompleted) samples.Add(rate);
            Console.WriteLine($"{variant,-6} t={sw.Elapsed.TotalSeconds,5:0.0}s stored={stored,9:N0} rate={rate,7:N0}/s heap={heap / 1048576,5:N0}MB ws={ws / 1048576,5:N0}MB queue={queue.Depth,6:N0}");
        }
        await producer;
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        long allocated = GC.GetTotalAllocatedBytes(false) - allocated0;
        var gcInfo = GC.GetGCMemoryInfo(GCKind.Any);
        var total = metrics.Snapshot().Stored;
        var sustained = samples.Count > 2 ? samples.Skip(1).Take(samples.Count - 1).Order().ElementAt((samples.Count - 1) / 2) : total / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"RESULT {variant}: {total:N0} posts in {sw.Elapsed.TotalSeconds:0.0}s = {total / sw.Elapsed.TotalSeconds:N0} posts/s average, median per-second {sustained:N0}/s, peak heap {peakHeap / 1048576:N0}MB, peak working set {peakWs / 1048576:N0}MB");
        Console.WriteLine($"  store queue {options.StoreQueueBatches} batches of {options.MaxBatchSize:N0}");
        Console.WriteLine($"  busy: analysis {analyseTicks * 1000.0 / Stopwatch.Frequency:N0} ms, store {((TimingStore)store).Ticks * 1000.0 / Stopwatch.Frequency:N0} ms of {sw.ElapsedMilliseconds:N0} ms wall; relevant share {((TimingStore)store).Relevant * 100.0 / Math.Max(1, total):0}%");
        // CPU time, unlike wall time, hardly depends on how busy the shared machine is: what one post
        // costs the process (input generation excluded) and the store's writer thread. On an idle
        // 2-core machine the throughput is bounded by 1e6 / writer µs and 2e6 / process µs.
        var n = Math.Max(1, total);
        double processUs = cpu.TotalMicroseconds / n, writerUs = ((TimingStore)store).CpuNs / 1000.0 / n;
        Console.WriteLine($"  cpu per post: process {processUs:0.0} µs, store writer thread {writerUs:0.0} µs; ceilings on 2 idle cores {2e6 / processUs:N0} / {1e6 / Math.Max(0.001, writerUs):N0} posts/s; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  gc: pauses {(GC.GetTotalPauseDuration() - gcPause0).TotalMilliseconds:N0} ms wall, collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; "
            + $"allocated {allocated / (double)n:N0} B/post; {(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {GCSettings.LatencyMode} (Interactive = concurrent); "
            + $"last GC: gen{gcInfo.Generation}, heap {gcInfo.HeapSizeBytes / 1048576:N0} MB, promoted {gcInfo.PromotedBytes / 1048576:N0} MB, pause time {gcInfo.PauseTimePercentage:0.0} % of process time");
        // What the pipeline keeps alive after 1M posts (dedup window, copy window, claims, author
        // context, claim board): the live heap after a full blocking GC, minus the input held by the test.
        long stateBytes = RetainedAfter(analyser, queue, store, live0);
        Console.WriteLine($"  retained state after the run (live heap after a full GC − before the pipeline was built; input excluded): {stateBytes / 1048576.0:N0} MB; "
            + $"db+wal {DirectorySize(dir) / (double)n:N0} B/post");
        // Which threads spent the CPU (gen0/gen1 collections run on the allocating thread; "BGC" is background gen2 marking).
        var threads = ThreadCpu.ByThreadName();
        Console.WriteLine("  cpu by thread, µs/post: " + string.Join(", ", threads
            .Select(t => (t.Key, Us: (t.Value - threads0.GetValueOrDefault(t.Key)) / 1000.0 / n)).Where(t => t.Us >= 0.05)
            .OrderByDescending(t => t.Us).Select(t => $"{t.Key} {t.Us:0.0}")));
        if (((TimingStore)store).Inner is IAsyncDisposable d) await d.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, true);
    }

    private static long RetainedAfter(PostAnalyser analyser, IngestQueue queue, IPostStore store, long liveBefore)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long live = GC.GetTotalMemory(false);
        GC.KeepAlive(analyser); GC.KeepAlive(queue); GC.KeepAlive(store);
        return live - liveBefore;
    }

    private static long DirectorySize(string dir) => new DirectoryInfo(dir).EnumerateFiles().Sum(f => f.Length);

    private sealed class CountingPublisher : IAnalysedPostPublisher
    {
        public long Count;
        public void Publish(IReadOnlyList<AnalysedPost> batch) => Count += batch.Count;
    }

    private sealed class TimingStore(IPostStore inner) : IPostStore, IPostBatchEncoder
    {
        public IPostStore Inner => inner;
        // Encoding runs on the analysis threads, as with the store alone (not timed as writer time).
        public IReadOnlyList<AnalysedPost> Encode(IReadOnlyList<AnalysedPost> batch) => inner is IPostBatchEncoder e ? e.Encode(batch) : batch;
        public long Ticks, Relevant, CpuNs;
        public Task InitialiseAsync(CancellationToken ct = default) => inner.InitialiseAsync(ct);
        public async Task<int> AppendAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct = default)
        {
            var t0 = Stopwatch.GetTimestamp();
            var c0 = ThreadCpu.Nanoseconds();
            // The SQLite store completes synchronously on this thread (uncontended lock), so the
            // thread's CPU time is the writer's.
            var pending = inner.AppendAsync(batch, ct);
            CpuNs += ThreadCpu.Nanoseconds() - c0;
            var n = await pending;
            Ticks += Stopwatch.GetTimestamp() - t0;
            foreach (var b in batch) if (b.Analysis.Relevant) Relevant++;
            return n;
        }
        public Task<IReadOnlyList<AnalysedPost>> QueryAsync(PostQuery query, CancellationToken ct = default) => inner.QueryAsync(query, ct);
        public Task<long> CountAsync(PostQuery query, CancellationToken ct = default) => inner.CountAsync(query, ct);
        public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct = default) => inner.PurgeOlderThanAsync(cutoff, ct);
        public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => inner.GetStatsAsync(ct);
    }

    private sealed class DiscardingStore : IPostStore
    {
        public Task InitialiseAsync(CancellationToken ct = default) => Task.CompletedTask;
        public Task<int> AppendAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct = default) => Task.FromResult(batch.Count);
        public Task<IReadOnlyList<AnalysedPost>> QueryAsync(PostQuery query, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<AnalysedPost>>([]);
        public Task<long> CountAsync(PostQuery query, CancellationToken ct = default) => Task.FromResult(0L);
        public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct = default) => Task.FromResult(0);
        public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => Task.FromResult(new StoreStats(0, 0, 0, null, null, 0, "discard"));
    }
}
