using System.Diagnostics;
using SnsDashboard.Benchmarks.Storage;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Benchmarks.Geo;

/// <summary>
/// `author-restore [posts] [rounds]`: what rebuilding the same-author memory costs the host's start-up.
/// A store holds <c>posts</c> synthetic posts spread over the last 3 h (70 % town-level located, 80 %
/// relevant, 50,000 authors); each round times the plain store read of the same rows (baseline, same
/// run) and the restore (read + remember), in wall and CPU time.
/// </summary>
public static class AuthorRestoreLoad
{
    public static async Task RunAsync(string[] args)
    {
        int total = args.Length > 0 ? int.Parse(args[0]) : 300_000;
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
        var dir = Path.Combine(Path.GetTempPath(), "sns-author-restore-" + Environment.ProcessId);
        var now = DateTimeOffset.UtcNow;
        var window = AuthorLocationContext.DefaultMaxAge;
        await using var store = new SqlitePostStore(new SqliteStoreOptions { DataDir = dir, RetentionDays = 0 });
        try
        {
            await store.InitialiseAsync();
            for (int from = 0; from < total; from += 5_000)
            {
                var batch = Enumerable.Range(from, Math.Min(5_000, total - from)).Select(i =>
                {
                    var p = SyntheticPosts.Create(i, total);
                    return p with { Post = p.Post with { CreatedAt = now - window + window * ((double)i / total) } };
                }).ToList();
                await store.AppendAsync(batch);
            }
            Console.WriteLine($"author-restore: {total:N0} posts over the last {window.TotalHours} h; rounds {rounds}");

            var query = new PostQuery
            {
                From = now - window, Relevant = true, LocatedOnly = true,
                LocationLevels = AuthorLocationContext.RememberedLevels, Limit = AuthorLocationContext.DefaultCapacity,
            };
            for (int r = 0; r < rounds; r++)
            {
                var (readWall, readCpu, rows) = await TimeAsync(async () => (await store.QueryAsync(query)).Count);
                var context = new AuthorLocationContext();
                var (restoreWall, restoreCpu, remembered) = await TimeAsync(() => AuthorContextRestorer.RestoreAsync(context, store, now));
                Console.WriteLine($"round {r + 1}: read {rows:N0} rows {readWall:F0} ms wall / {readCpu:F0} ms CPU; " +
                    $"restore {remembered:N0} reports → {context.Count:N0} authors {restoreWall:F0} ms wall / {restoreCpu:F0} ms CPU " +
                    $"(×{restoreCpu / readCpu:F2} the read's CPU)");
            }
        }
        finally
        {
            await store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double WallMs, double CpuMs, int Result)> TimeAsync(Func<Task<int>> run)
    {
        GC.Collect();
        var proc = Process.GetCurrentProcess();
        var cpu = proc.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        int result = await run();
        proc.Refresh();
        return (wall.Elapsed.TotalMilliseconds, (proc.TotalProcessorTime - cpu).TotalMilliseconds, result);
    }
}
