using BenchmarkDotNet.Attributes;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Benchmarks.Layers;

/// <summary>
/// Spatial-join throughput (issue 6 target: ≥ 100,000 posts/s per core) on real open data:
/// PLATEAU Numazu flood + tsunami + landslide zones (476 zones, tens of thousands of mesh-cell
/// polygons), N03 municipalities of 静岡県 and 熊本県, GSI shelters of 熊本市. Posts are spread
/// over both areas. The baseline is a brute-force scan of every zone polygon (no index).
/// Run: dotnet run -c Release --project bench/SnsDashboard.Benchmarks -- --filter *SpatialJoin* --job short
/// </summary>
[MemoryDiagnoser]
public class SpatialJoinBenchmarks
{
    public const int Posts = 100_000;
    private SpatialContext _ctx = SpatialContext.Empty;
    private (double Lat, double Lon)[] _points = [];
    private double[][][] _allZonePolygons = [];

    private static string Shared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("shared open data not found: " + relative);
    }

    private static JoinLayer Load(long id, string relative)
    {
        var path = Shared(relative);
        using var s = File.OpenRead(path);
        var l = LayerImporter.Import(path, s, new(), new LayerImportLimits());
        return new JoinLayer(id, l.Provenance.Title, l.Provenance.Theme, l.Features);
    }

    [GlobalSetup]
    public void Setup()
    {
        var layers = new[]
        {
            Load(1, "hazard/plateau-22203-numazu-2021/udx/fld/natl/kanogawa_kanogawa/52385628_fld_6697_l2_op.gml"),
            Load(2, "hazard/plateau-22203-numazu-2021/udx/tnm/22_4/523856_tnm_6697_op.gml"),
            Load(3, "hazard/plateau-22203-numazu-2021/udx/lsld/523856_lsld_6668_op.gml"),
            Load(4, "boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0010/N03-21_22_210101.json"),
            Load(5, "boundaries/smartnews-smri-japan-topography/data/municipality/geojson/s0010/N03-21_43_210101.json"),
            Load(6, "shelters/gsi-via-motohasystem-jp-shelter-api/emergency/431001.json"),
        };
        _ctx = new SpatialContext(layers);
        _allZonePolygons = layers.Where(l => l.Theme == LayerThemes.Hazard).SelectMany(l => l.Features).SelectMany(f => f.Geometry.Parts).ToArray();
        var rng = new Random(42);
        _points = new (double, double)[Posts];
        for (var i = 0; i < Posts; i++)
            _points[i] = i % 2 == 0
                ? (35.08 + rng.NextDouble() * 0.10, 138.77 + rng.NextDouble() * 0.11)   // Numazu (zones)
                : (32.70 + rng.NextDouble() * 0.20, 130.60 + rng.NextDouble() * 0.30);  // Kumamoto (shelters)
        Console.WriteLine($"// zones {_ctx.ZoneCount}, zone polygons {_allZonePolygons.Length}, shelters {_ctx.ShelterCount}, municipalities {_ctx.MunicipalityCount}");
    }

    /// <summary>All three joins (zones, 3 nearest shelters within 3 km, municipality) for 100k posts.</summary>
    [Benchmark(OperationsPerInvoke = Posts)]
    public int JoinIndexed()
    {
        var hits = 0;
        foreach (var (lat, lon) in _points)
        {
            var r = _ctx.Join(lat, lon);
            hits += r.Zones.Count + r.NearestShelters.Count + (r.Municipality is null ? 0 : 1);
        }
        return hits;
    }

    /// <summary>The pipeline stage as stored: join a town/exact-level location and encode the
    /// analysis record (with its "spatial" object) as the store does.</summary>
    public long StageAndRecord(bool withJoin)
    {
        long bytes = 0;
        foreach (var (lat, lon) in _points)
        {
            var loc = new PostLocation { Lat = lat, Lon = lon, Level = LocationLevels.Town, Source = "text" };
            var analysis = new PostAnalysis { Relevant = true, Location = loc, Spatial = withJoin ? SpatialJoinStage.Join(loc, _ctx) : null };
            bytes += PostJson.SerializeToUtf8(analysis).Length;
        }
        return bytes;
    }

    /// <summary>Baseline: zone containment only, by scanning every zone polygon (1,000 posts).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public int ZonesBruteForce()
    {
        var hits = 0;
        for (var i = 0; i < 1000; i++)
        {
            var (lat, lon) = _points[i];
            foreach (var rings in _allZonePolygons)
                if (Geometry2D.PolygonContains(rings, lon, lat)) hits++;
        }
        return hits;
    }
}

/// <summary>
/// `spatial-join [rounds]`: joins the same 100k posts several times and reports posts/s by wall
/// clock and by this thread's CPU time. On a shared, overloaded machine the CPU-time figure is the
/// one that says what one core does.
/// </summary>
public static class SpatialJoinLoad
{
    public static void Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0]) : 5;
        var b = new SpatialJoinBenchmarks();
        b.Setup();
        b.JoinIndexed(); // warm-up
        for (var r = 0; r < rounds; r++)
        {
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var hits = b.JoinIndexed();
            sw.Stop();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine($"round {r + 1}: {SpatialJoinBenchmarks.Posts:N0} posts, {hits:N0} hits, wall {sw.Elapsed.TotalMilliseconds:F0} ms " +
                $"({SpatialJoinBenchmarks.Posts / sw.Elapsed.TotalSeconds:N0} posts/s), CPU {cpu.TotalMilliseconds:F0} ms " +
                $"({SpatialJoinBenchmarks.Posts / cpu.TotalSeconds:N0} posts/s per core)");
        }
        // Issue 6 part 2: the stage stores its result in the analysis record. Same points, record
        // encoding without the join (baseline, as before the stage) and with it, alternated.
        b.StageAndRecord(true); // warm-up
        for (var r = 0; r < rounds; r++)
            foreach (var withJoin in new[] { false, true })
            {
                var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var bytes = b.StageAndRecord(withJoin);
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                Console.WriteLine($"round {r + 1} record {(withJoin ? "with join   " : "without join")}: CPU {cpu.TotalMilliseconds:F0} ms " +
                    $"({SpatialJoinBenchmarks.Posts / cpu.TotalSeconds:N0} posts/s per core), {bytes / (double)SpatialJoinBenchmarks.Posts:F0} B/record");
            }
    }
}
