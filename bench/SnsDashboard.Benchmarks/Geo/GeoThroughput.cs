using System.Diagnostics;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Geo;

/// <summary>
/// <c>geo-throughput [seconds]</c>: resolution throughput per CPU-second of this process (one
/// thread) on the evaluation addresses and on typical scenario posts, each with and without the
/// text normaliser, against the normaliser alone as a same-run baseline. CPU time rather than wall
/// time because the machine is shared; also the loop to attach a profiler to (perf, with
/// <c>DOTNET_PerfMapEnabled=1</c>).
/// </summary>
internal static class GeoThroughput
{
    public static void Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var sw = Stopwatch.StartNew();
        var g = GeoData.LoadCached();
        Console.WriteLine($"gazetteer loaded in {sw.Elapsed.TotalSeconds:F1} s wall");
        var sets = new[] { ("full addresses", GeoData.AddressPosts()), ("typical posts without addresses", GeoData.TypicalPosts()) };
        // GEO_PROFILE=typical|addresses: only that set's locate loop (for perf).
        string? profile = Environment.GetEnvironmentVariable("GEO_PROFILE");
        foreach (var (name, posts) in sets)
        {
            if (profile is not null)
            {
                if (!name.Contains(profile)) continue;
                var pre = posts.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
                Console.WriteLine($"{name}: locate {PerCpuSecond(seconds, posts.Length, i => TextGeolocator.Locate(posts[i], pre[i], g) is null ? 0 : 1):F0}/CPU-s");
                continue;
            }
            var texts = posts.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
            double baseline = PerCpuSecond(seconds, posts.Length, i => TextNormaliser.Normalise(posts[i].Text).Value.Length);
            double locate = PerCpuSecond(seconds, posts.Length, i => TextGeolocator.Locate(posts[i], texts[i], g) is null ? 0 : 1);
            double both = PerCpuSecond(seconds, posts.Length, i => TextGeolocator.Locate(posts[i], TextNormaliser.Normalise(posts[i].Text), g) is null ? 0 : 1);
            // Bytes allocated per post by one warm pass (this thread only).
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < posts.Length; i++) TextGeolocator.Locate(posts[i], texts[i], g);
            long locateBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / posts.Length;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < posts.Length; i++) TextNormaliser.Normalise(posts[i].Text);
            long normaliseBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / posts.Length;
            Console.WriteLine($"{name} (n={posts.Length}): normalise alone {baseline:F0}/CPU-s; locate {locate:F0}/CPU-s; normalise+locate {both:F0}/CPU-s; " +
                $"locate costs {baseline / locate:F2}× the normaliser; allocated per post: locate {locateBytes} B, normalise {normaliseBytes} B");
        }
    }

    private static double PerCpuSecond(double seconds, int count, Func<int, int> op)
    {
        var proc = Process.GetCurrentProcess();
        var warm = proc.TotalProcessorTime;
        do // warm-up until tier-1 code runs (a quarter of the measured time)
        {
            for (int i = 0; i < count; i++) op(i);
            proc.Refresh();
        } while ((proc.TotalProcessorTime - warm).TotalSeconds < seconds / 4);
        var start = proc.TotalProcessorTime;
        long done = 0;
        int sink = 0;
        var wall = Stopwatch.StartNew();
        do
        {
            for (int i = 0; i < count; i++) sink += op(i);
            done += count;
            proc.Refresh();
        } while ((proc.TotalProcessorTime - start).TotalSeconds < seconds && wall.Elapsed.TotalSeconds < seconds * 20);
        GC.KeepAlive(sink);
        return done / (proc.TotalProcessorTime - start).TotalSeconds;
    }
}
