using BenchmarkDotNet.Running;
using SnsDashboard.Benchmarks.Storage;

// `store-load [rows]` builds the shared 1M-row database and prints AppendAsync rows/s and query plans;
// anything else goes to BenchmarkDotNet (e.g. `--filter *StoreBenchmarks* --job short`).
if (args.Length > 0 && args[0] == "store-load")
{
    await StoreLoad.RunAsync(args.Length > 1 ? int.Parse(args[1]) : StoreBenchmarks.QueryRows);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(StoreBenchmarks).Assembly).Run(args);
