using BenchmarkDotNet.Attributes;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Geo;

/// <summary>
/// Text geolocation throughput with the full official gazetteer (277k towns, 20k landmarks):
/// one operation = one batch of pre-normalised posts on one thread. The baseline is the text
/// normaliser over the same batch (a cost every post pays anyway), so ratios survive the noisy,
/// shared machine. Run: <c>--filter *GeolocationBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GeolocationBenchmarks
{
    private Gazetteer _gazetteer = null!;
    private Post[] _typical = [], _addresses = [];
    private NormalisedText[] _typicalText = [], _addressText = [];

    [GlobalSetup]
    public void Setup()
    {
        _gazetteer = GazetteerBuilder.Build(GeoData.Sources).Gazetteer!.WithFocus(["熊本県"]);
        var typical = GeoData.ScenarioTexts(4000).Where(t => !HasAddress(t)).Take(2000).ToArray();
        var addresses = GeoData.Texts("addresses.tsv");
        _typical = typical.Select(Make).ToArray();
        _typicalText = typical.Select(TextNormaliser.Normalise).ToArray();
        _addresses = addresses.Select(Make).ToArray();
        _addressText = addresses.Select(TextNormaliser.Normalise).ToArray();
    }

    private static bool HasAddress(string t) => t.Any(char.IsAsciiDigit) && (t.Contains('町') || t.Contains('丁'));

    private static Post Make(string text) => new()
    {
        Source = "bench", SourcePostId = "1", Text = text, CreatedAt = DateTimeOffset.UnixEpoch, Author = new PostAuthor { Id = "a" },
    };

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

    [Benchmark(Description = "locate, full addresses (187 × 10)")]
    public int LocateAddresses()
    {
        int n = 0;
        for (int r = 0; r < 10; r++)
            for (int i = 0; i < _addresses.Length; i++) if (TextGeolocator.Locate(_addresses[i], _addressText[i], _gazetteer) is not null) n++;
        return n;
    }
}
