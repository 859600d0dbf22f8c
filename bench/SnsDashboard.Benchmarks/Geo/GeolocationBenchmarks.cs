using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Geo;

/// <summary>
/// Text geolocation throughput with the full official gazetteer (277k towns, 20k landmarks):
/// one operation = one batch of pre-normalised posts on one thread. The baseline is the text
/// normaliser over the same batch (a cost every post pays anyway), so ratios survive the noisy,
/// shared machine. In-process (no separate build, which times out on the loaded machine) and short;
/// the gazetteer comes from the on-disk cache (<see cref="GeoData.LoadCached"/>), so set-up takes
/// seconds after the first run. Run: <c>nice -n -15 SnsDashboard.Benchmarks --filter *GeolocationBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class GeolocationBenchmarks
{
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"));
    }

    private Gazetteer _gazetteer = null!;
    private Post[] _typical = [], _addresses = [];
    private NormalisedText[] _typicalText = [], _addressText = [];

    [GlobalSetup]
    public void Setup()
    {
        _gazetteer = GeoData.LoadCached();
        _typical = GeoData.TypicalPosts();
        _typicalText = _typical.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
        _addresses = GeoData.AddressPosts();
        _addressText = _addresses.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
    }

    public int TypicalCount => _typical.Length;

    [Benchmark(Baseline = true, Description = "normalise (baseline), typical posts")]
    public int NormaliseTypical()
    {
        int n = 0;
        foreach (var p in _typical) n += TextNormaliser.Normalise(p.Text).Value.Length;
        return n;
    }

    [Benchmark(Description = "locate, typical posts without addresses")]
    public int LocateTypical()
    {
        int n = 0;
        for (int i = 0; i < _typical.Length; i++) if (TextGeolocator.Locate(_typical[i], _typicalText[i], _gazetteer) is not null) n++;
        return n;
    }

    [Benchmark(Description = "normalise, full addresses (187 × 10)")]
    public int NormaliseAddresses()
    {
        int n = 0;
        for (int r = 0; r < 10; r++)
            foreach (var p in _addresses) n += TextNormaliser.Normalise(p.Text).Value.Length;
        return n;
    }

    [Benchmark(Description = "locate, full addresses (187 × 10)")]
    public int LocateAddresses()
    {
        int n = 0;
        for (int r = 0; r < 10; r++)
            for (int i = 0; i < _addresses.Length; i++) if (TextGeolocator.Locate(_addresses[i], _addressText[i], _gazetteer) is not null) n++;
        return n;
    }
}
