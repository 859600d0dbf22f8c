using BenchmarkDotNet.Running;
using SnsDashboard.Benchmarks.Storage;

// Load-test modes (results in docs/benchmarks.md); anything else goes to BenchmarkDotNet
// (e.g. `--filter *StoreBenchmarks* --job short`).
switch (args)
{
    // Builds the shared 1M-row database and prints AppendAsync rows/s and query plans.
    case ["store-load", .. var rest]: await StoreLoad.RunAsync(Rows(rest), rebuild: true); break;
    // Reuses the cached database and only times the queries.
    case ["store-query", .. var rest]: await StoreLoad.RunAsync(Rows(rest), rebuild: false); break;
    // `pipeline [posts]`: sustained throughput through all stages into SQLite.
    case ["pipeline", .. var rest]: await SnsDashboard.Benchmarks.Load.PipelineLoadTest.RunAsync(rest); break;
    // `stage-cost [posts] [rounds]`: CPU µs, allocations and GC per analysis stage and for the JSON encoding.
    case ["stage-cost", .. var rest]: SnsDashboard.Benchmarks.Load.StageCostTest.Run(rest); break;
    // `store-read [posts] [rounds]`: the map's load from the store in CPU µs per row: columns, post, analysis decode.
    case ["store-read", .. var rest]: await StoreReadTest.RunAsync(rest); break;
    // `store-write [posts] [rounds]`: the write path alone in CPU µs per post (analysed input).
    case ["store-write", .. var rest]: await SnsDashboard.Benchmarks.Load.StoreWriteTest.RunAsync(rest); break;
    // `latency [seconds] [rates]`: post-to-screen latency in headless Chromium.
    case ["latency", .. var rest]: await SnsDashboard.Benchmarks.Load.LatencyLoadTest.RunAsync(rest); break;
    // `reliability [rounds] [window]`: grading, copy lookup (small vs large window) and claims per post.
    case ["reliability", .. var rest]: SnsDashboard.Benchmarks.Reliability.ReliabilityLoadTest.Run(rest); break;
    // Gazetteer build/cache/load time and memory; comparison with the geolonia peer's output.
    case ["geo-load"]: SnsDashboard.Benchmarks.Geo.GeoLoad.Run(); break;
    // `geo-throughput [seconds]`: locate per CPU-second vs. the normaliser alone (same run).
    case ["geo-throughput", .. var rest]: SnsDashboard.Benchmarks.Geo.GeoThroughput.Run(rest); break;
    // `author-restore [posts] [rounds]`: start-up cost of rebuilding the same-author memory from the store.
    case ["author-restore", .. var rest]: await SnsDashboard.Benchmarks.Geo.AuthorRestoreLoad.RunAsync(rest); break;
    // `glossary-throughput [seconds] [glossary]`: matcher posts per CPU-second vs the naive loop (same run).
    case ["glossary-throughput", .. var rest]: SnsDashboard.Benchmarks.Glossary.GlossaryThroughput.Run(rest); break;
    // `glossary-golden <out>`: normaliser and matcher output for every labelled/scenario/bench post (diff two runs).
    case ["glossary-golden", var goldenOut]: SnsDashboard.Benchmarks.Glossary.GlossaryGolden.Run(goldenOut); break;
    case ["geo-compare", var peerOutput]: SnsDashboard.Benchmarks.Geo.GeoLoad.Compare(peerOutput); break;
    // `sources [events]`: the live connectors against their fakes on loopback.
    case ["sources", .. var rest]: await SnsDashboard.Benchmarks.Sources.SourcesLoadTest.RunAsync(rest); break;
    // Issue 7: webhook over HTTP into the real host's store [posts] [senders]
    case ["webhook-http", .. var rest]: await SnsDashboard.Benchmarks.Sources.WebhookHttpLoadTest.RunAsync(rest); break;
    // `spatial-join [rounds]`: spatial-join posts/s (wall and CPU time) on the shared open data.
    case ["spatial-join", .. var rest]: SnsDashboard.Benchmarks.Layers.SpatialJoinLoad.Run(rest); break;
    // `fallback-outlines [n03-prefectures.json] [out] [tolerance]`: regenerates the map's built-in offline base.
    case ["fallback-outlines", .. var rest]: SnsDashboard.Benchmarks.Maps.PrefectureOutlineBuilder.Run(rest); break;
    // `map-perf [posts:features,...]`: live-map first render, cluster recompute and heap in headless Chromium.
    case ["map-perf", .. var rest]: await SnsDashboard.Benchmarks.Maps.MapPerfLoad.RunAsync(rest); break;
    case ["store-inspect", var file]: StoreInspect.Run(file); break;
    default: BenchmarkSwitcher.FromAssembly(typeof(StoreBenchmarks).Assembly).Run(args); break;
}

static int Rows(string[] rest) => rest.Length > 0 ? int.Parse(rest[0]) : StoreBenchmarks.QueryRows;
