using System.Diagnostics;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Sources.Replay.Composing;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>
/// The write path of the pipeline alone, in CPU time: the synthetic posts of the load test are
/// analysed first (real stages), then appended in the pipeline's batches of 2,000 into a fresh
/// store, one batch after the other. Reports CPU µs per post of the appending thread (the single
/// SQLite writer) and of the whole process (adds the JSON encoding on the thread pool). CPU time
/// moves far less with the machine's load than wall time, so two builds can be compared on a busy
/// machine; several rounds show the spread.
/// </summary>
public static class StoreWriteTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        int posts = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
        var input = SyntheticPostGenerator.Generate(20_000, (posts + 20_000 * 60 - 1) / (20_000 * 60), DateTimeOffset.UtcNow, 42).Take(posts).ToList();
        var analyser = new PostAnalyser(new SnapshotHolder(PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"))));
        var now = DateTimeOffset.UtcNow;
        var analysed = input.Select(p => new AnalysedPost(p, analyser.Analyse(p, now), now)).ToList();
        Console.WriteLine($"# store-write: {analysed.Count:N0} analysed posts ({analysed.Count(a => a.Analysis.Relevant) * 100 / Math.Max(1, analysed.Count)} % relevant), batches of 2,000, {rounds} rounds, {DateTime.UtcNow:O}");

        for (var round = 1; round <= rounds; round++)
        {
            var dir = Directory.CreateTempSubdirectory("sns-write-").FullName;
            var store = new SqlitePostStore(new SqliteStoreOptions { DataDir = dir });
            await store.InitialiseAsync();
            // Encoded first, as the pipeline does on its analysis threads: the writer thread's cost is what is timed.
            var batches = Enumerable.Range(0, (analysed.Count + 1_999) / 2_000)
                .Select(b => store.Encode(analysed.GetRange(b * 2_000, Math.Min(2_000, analysed.Count - b * 2_000)))).ToList();
            GC.Collect();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var thread0 = ThreadCpu.Nanoseconds();
            var sw = Stopwatch.StartNew();
            foreach (var batch in batches)
                store.AppendAsync(batch).GetAwaiter().GetResult();
            sw.Stop();
            var threadUs = (ThreadCpu.Nanoseconds() - thread0) / 1000.0 / analysed.Count;
            var processUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / analysed.Count;
            var size = new DirectoryInfo(dir).EnumerateFiles().Sum(f => f.Length);
            Console.WriteLine($"RESULT store-write round {round}: writer thread {threadUs:0.0} µs/post, process {processUs:0.0} µs/post, " +
                              $"wall {analysed.Count / sw.Elapsed.TotalSeconds:N0} posts/s, files {size / 1048576.0:0} MB; load {File.ReadAllText("/proc/loadavg").Trim()}");
            await store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
        return 0;
    }
}

/// <summary>CPU time of the calling thread (Linux clock_gettime).</summary>
internal static class ThreadCpu
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);

    private struct TimeSpec { public long Seconds, Nanoseconds; }

    public static long Nanoseconds() =>
        ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var ts) == 0 ? ts.Seconds * 1_000_000_000 + ts.Nanoseconds : 0;

    /// <summary>CPU nanoseconds (user + system) of the process's live threads, summed by thread name
    /// (/proc/self/task/*/stat; .NET names its threads ".NET TP Worker", ".NET BGC" …).</summary>
    public static Dictionary<string, long> ByThreadName()
    {
        var result = new Dictionary<string, long>();
        long nsPerTick = 1_000_000_000 / 100; // USER_HZ
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                long ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime
                result[name] = result.GetValueOrDefault(name) + ticks * nsPerTick;
            }
            catch (IOException) { /* the thread ended meanwhile */ }
        }
        return result;
    }
}
