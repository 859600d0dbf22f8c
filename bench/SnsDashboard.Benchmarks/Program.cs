using BenchmarkDotNet.Running;
using SnsDashboard.Benchmarks.Storage;

// `store-load [rows]` builds the shared 1M-row database and prints AppendAsync rows/s and query plans;
// anything else goes to BenchmarkDotNet (e.g. `--filter *StoreBenchmarks* --job short`).
// `store-query [rows]` reuses the cached database and only times the queries.
// `pipeline [posts]` measures sustained throughput through all stages into SQLite (load test).
// `store-write [posts] [rounds]` measures the write path alone in CPU µs per post (analysed input).
// `sources [events]` measures the live connectors against their fakes on loopback (issue 7).
// `latency [seconds] [rates]` measures post-to-screen latency in headless Chromium.
// `reliability [rounds] [window]` measures grading, copy lookup (small vs large window) and claims per post.
// `geo-load` measures gazetteer build/cache/load time and memory; `geo-compare <peer.jsonl>` compares with the geolonia peer.
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
if (args.Length > 0 && args[0] == "store-write")
{
    await SnsDashboard.Benchmarks.Load.StoreWriteTest.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "latency")
{
    await SnsDashboard.Benchmarks.Load.LatencyLoadTest.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "reliability")
{
    SnsDashboard.Benchmarks.Reliability.ReliabilityLoadTest.Run(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "geo-load")
{
    SnsDashboard.Benchmarks.Geo.GeoLoad.Run();
    return;
}
if (args.Length > 1 && args[0] == "geo-compare")
{
    SnsDashboard.Benchmarks.Geo.GeoLoad.Compare(args[1]);
    return;
}
if (args.Length > 0 && args[0] == "sources")
{
    await SnsDashboard.Benchmarks.Sources.SourcesLoadTest.RunAsync(args[1..]);
    return;
}
if (args.Length > 1 && args[0] == "store-inspect")
{
    StoreInspect.Run(args[1]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(StoreBenchmarks).Assembly).Run(args);
