using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Benchmarks.Storage;

/// <summary>
/// Appends of 1,000 and 10,000 analysed posts into a growing store, and the dashboard's map query
/// (24 h window + Kyushu box + one category, limit 500) against a time-window-only baseline on a
/// shared 1,000,000-row database (built once by <see cref="StoreLoad"/> and cached).
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    public const int QueryRows = 1_000_000;

    public static string CacheDir =>
        Environment.GetEnvironmentVariable("SNS_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "sns-bench-store");

    public static readonly PostQuery Baseline = new()
    {
        From = SyntheticPosts.Start + TimeSpan.FromDays(20),
        To = SyntheticPosts.Start + TimeSpan.FromDays(21),
        Limit = 500,
    };

    public static readonly PostQuery MapQuery = Baseline with
    {
        Bounds = new GeoBounds(South: 31.0, West: 129.5, North: 34.0, East: 132.0),
        Categories = ["rescue"],
    };

    /// <summary>All 30 days and a city-sized box: too wide for the time-driven plan, so the
    /// partial latitude index drives it.</summary>
    public static readonly PostQuery WideCityQuery = new()
    {
        From = SyntheticPosts.Start,
        To = SyntheticPosts.Start + TimeSpan.FromDays(31),
        Bounds = new GeoBounds(South: 32.70, West: 130.60, North: 32.90, East: 130.85),
        Limit = 500,
    };

    private SqlitePostStore _store = null!;
    private string? _appendDir;
    private AnalysedPost[] _template1k = [], _template10k = [];
    private long _next;

    [GlobalSetup(Targets = [nameof(Append_1000), nameof(Append_10000)])]
    public async Task SetupAppend()
    {
        _appendDir = Path.Combine(Path.GetTempPath(), "sns-bench-append-" + Guid.NewGuid().ToString("N"));
        _store = new SqlitePostStore(new SqliteStoreOptions { DataDir = _appendDir });
        await _store.InitialiseAsync();
        _template10k = Enumerable.Range(0, 10_000).Select(i => SyntheticPosts.Create(i, 10_000)).ToArray();
        _template1k = _template10k[..1_000];
    }

    [GlobalSetup(Targets = [nameof(Query_WindowOnly_Baseline), nameof(Query_Window_Bbox_Category)])]
    public async Task SetupQuery()
    {
        _store = await StoreLoad.OpenOrBuildAsync(QueryRows, log: Console.Out);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        if (_appendDir is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_appendDir, recursive: true);
        }
    }

    [Benchmark]
    public Task<int> Append_1000() => _store.AppendAsync(Fresh(_template1k));

    [Benchmark]
    public Task<int> Append_10000() => _store.AppendAsync(Fresh(_template10k));

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<AnalysedPost>> Query_WindowOnly_Baseline() => _store.QueryAsync(Baseline);

    [Benchmark]
    public Task<IReadOnlyList<AnalysedPost>> Query_Window_Bbox_Category() => _store.QueryAsync(MapQuery);

    /// <summary>New keys for each invocation so every row is a real insert.</summary>
    private AnalysedPost[] Fresh(AnalysedPost[] template)
    {
        var run = Interlocked.Increment(ref _next);
        var batch = new AnalysedPost[template.Length];
        for (var i = 0; i < template.Length; i++)
            batch[i] = template[i] with { Post = template[i].Post with { SourcePostId = "r" + run + "-" + i } };
        return batch;
    }
}
