using BenchmarkDotNet.Running;
using SnsDashboard.Benchmarks.Storage;

// `store-load [rows]` builds the shared 1M-row database and prints AppendAsync rows/s and query plans;
// anything else goes to BenchmarkDotNet (e.g. `--filter *StoreBenchmarks* --job short`).
// `store-query [rows]` reuses the cached database and only times the queries.
// `pipeline [posts]` measures sustained throughput through all stages into SQLite (load test).
// `latency [seconds] [rates]` measures post-to-screen latency in headless Chromium.
// `spatial-join [rounds]` measures spatial-join posts/s (wall and CPU time) on the shared open data.
if (args.Length > 0 && args[0] is "store-load" or "store-query")
{
    await StoreLoad.RunAsync(args.Length > 1 ? int.Parse(args[1]) : StoreBenchmarks.QueryRows, rebuild: args[0] == "store-load");
    return;
}
if (args.Length > 0 && args[0] == "pipeline")
{
    await SnsDashboard.Benchmarks.Load.PipelineLoadTest.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "latency")
{
    await SnsDashboard.Benchmarks.Load.LatencyLoadTest.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "spatial-join")
{
    SnsDashboard.Benchmarks.Layers.SpatialJoinLoad.Run(args[1..]);
    return;
}
if (args.Length > 1 && args[0] == "store-inspect")
{
    StoreInspect.Run(args[1]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(StoreBenchmarks).Assembly).Run(args);
