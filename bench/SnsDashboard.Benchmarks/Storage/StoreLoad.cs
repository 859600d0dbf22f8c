using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Benchmarks.Storage;

/// <summary>Builds (or reopens) the shared benchmark database and measures bulk AppendAsync.</summary>
public static class StoreLoad
{
    public const int BatchSize = 10_000;

    public static async Task RunAsync(int rows, bool rebuild)
    {
        var dir = Path.Combine(StoreBenchmarks.CacheDir, rows.ToString());
        if (rebuild && Directory.Exists(dir)) { SqliteConnection.ClearAllPools(); Directory.Delete(dir, recursive: true); }
        await using var store = await OpenOrBuildAsync(rows, Console.Out);

        var stats = await store.GetStatsAsync();
        Console.WriteLine($"posts={stats.PostCount:N0} located={stats.LocatedCount:N0} file={stats.FileSizeBytes / 1048576.0:F0} MB (db+wal)");
        foreach (var (name, q) in new[] { ("baseline", StoreBenchmarks.Baseline), ("map", StoreBenchmarks.MapQuery), ("wide-city", StoreBenchmarks.WideCityQuery) })
        {
            var count = await store.CountAsync(q with { Limit = int.MaxValue });
            await store.QueryAsync(q);
            var sw = Stopwatch.StartNew();
            const int n = 20;
            var got = 0;
            for (var i = 0; i < n; i++) got = (await store.QueryAsync(q)).Count;
            Console.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds / n:F2} ms/query, {got} returned, {count:N0} match in total");
            PrintPlan(store, q);
        }
    }

    public static async Task<SqlitePostStore> OpenOrBuildAsync(int rows, TextWriter log)
    {
        var dir = Path.Combine(StoreBenchmarks.CacheDir, rows.ToString());
        var store = new SqlitePostStore(new SqliteStoreOptions { DataDir = dir });
        await store.InitialiseAsync();
        var have = (await store.GetStatsAsync()).PostCount;
        if (have >= rows) return store;

        log.WriteLine($"Building {rows:N0}-row store in {dir} (batches of {BatchSize:N0}) ...");
        var sw = Stopwatch.StartNew();
        var generate = TimeSpan.Zero;
        var batch = new List<AnalysedPost>(BatchSize);
        for (long i = have; i < rows; i += BatchSize)
        {
            var g = Stopwatch.StartNew();
            batch.Clear();
            for (var j = i; j < Math.Min(rows, i + BatchSize); j++) batch.Add(SyntheticPosts.Create(j, rows));
            generate += g.Elapsed;
            await store.AppendAsync(batch);
        }
        var elapsed = sw.Elapsed;
        var appendTime = elapsed - generate;
        log.WriteLine($"Appended {rows - have:N0} posts in {elapsed.TotalSeconds:F1} s ({generate.TotalSeconds:F1} s generating): " +
                      $"AppendAsync {(rows - have) / appendTime.TotalSeconds:N0} rows/s");
        return store;
    }

    private static void PrintPlan(SqlitePostStore store, PostQuery q)
    {
        foreach (var line in store.ExplainQueryPlan(q)) Console.WriteLine("   plan: " + line);
    }
}
