using System.Diagnostics;
using System.Text.Json;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Geo;

/// <summary>
/// <c>geo-load</c>: gazetteer build time from the official files, cache write/read time and the
/// managed memory of the loaded index. <c>geo-compare &lt;peer.jsonl&gt;</c>: our throughput on the
/// evaluation addresses and town-level agreement with the geolonia peer's output on the same
/// addresses (bench/geolonia-peer/run.js).
/// </summary>
internal static class GeoLoad
{
    public static void Run()
    {
        long before = Managed();
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        string Cpu() { var now = Process.GetCurrentProcess().TotalProcessorTime; var d = now - cpu; cpu = now; return $"{d.TotalSeconds:F1} s CPU"; }
        var result = GazetteerBuilder.Build(GeoData.Sources);
        var g = result.Gazetteer!;
        double buildS = sw.Elapsed.TotalSeconds;
        long afterBuild = Managed();
        Console.WriteLine($"build from files: {buildS:F1} s wall, {Cpu()} ({result.Summary})");
        Console.WriteLine($"managed memory of the built gazetteer (incl. indexes): {(afterBuild - before) / 1e6:F0} MB");
        string cache = Path.Combine(Path.GetTempPath(), "geo-load-cache.bin");
        sw.Restart();
        GazetteerCache.Write(cache, g, "bench");
        Console.WriteLine($"cache write: {sw.Elapsed.TotalSeconds:F1} s, {new FileInfo(cache).Length / 1e6:F0} MB");
        g = null!;
        result = null!;
        long cleared = Managed();
        Cpu();
        sw.Restart();
        var loaded = GazetteerCache.TryRead(cache, "bench")!;
        double loadS = sw.Elapsed.TotalSeconds;
        long afterLoad = Managed();
        Console.WriteLine($"cache load (incl. index compile): {loadS:F1} s wall, {Cpu()}; managed memory {(afterLoad - cleared) / 1e6:F0} MB; process working set {Process.GetCurrentProcess().WorkingSet64 / 1e6:F0} MB");
        GC.KeepAlive(loaded);
        File.Delete(cache);
    }

    public static void Compare(string peerOut)
    {
        var g = GazetteerBuilder.Build(GeoData.Sources).Gazetteer!;
        var texts = GeoData.Texts("addresses.tsv");
        var posts = texts.Select(GeoData.MakePost).ToArray();
        var ours = posts.Select(p => TextGeolocator.Locate(p, TextNormaliser.Normalise(p.Text), g)).ToArray();
        // Throughput including normalisation, single thread, same addresses as the peer.
        // CPU time, not wall time: the machine is shared, and per-core throughput is what counts.
        int passes = 200;
        var sw = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (int r = 0; r < passes; r++) foreach (var p in posts) TextGeolocator.Locate(p, TextNormaliser.Normalise(p.Text), g);
        double cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        double perSecond = passes * posts.Length / cpuS;
        Console.WriteLine($"{passes * posts.Length} addresses in {sw.Elapsed.TotalSeconds:F1} s wall, {cpuS:F1} s CPU");
        // Typical traffic (scenario posts without addresses), same CPU-time measure.
        var typical = GeoData.TypicalPosts();
        var typicalText = typical.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
        for (int pass = 0; pass < 2; pass++)
        {
            bool withNormalise = pass == 1;
            var c0 = Process.GetCurrentProcess().TotalProcessorTime;
            for (int r = 0; r < 20; r++)
                for (int i = 0; i < typical.Length; i++)
                    TextGeolocator.Locate(typical[i], withNormalise ? TextNormaliser.Normalise(typical[i].Text) : typicalText[i], g);
            double s = (Process.GetCurrentProcess().TotalProcessorTime - c0).TotalSeconds;
            Console.WriteLine($"typical posts without addresses ({(withNormalise ? "incl." : "excl.")} normalisation): {20 * typical.Length / s:F0} per CPU-second");
        }
        var peer = File.ReadLines(peerOut).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        int agree = 0, bothTown = 0, onlyOurs = 0, onlyPeer = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            string? peerTown = peer[i].GetProperty("level").GetInt32() >= 3 ? peer[i].GetProperty("town").GetString() : null;
            string? ourTown = ours[i]?.Level == "town" ? ours[i]!.Town : null;
            string peerCity = peer[i].GetProperty("city").GetString() ?? "";
            if (peerTown is not null && ourTown is not null)
            {
                bothTown++;
                if (Key(peerTown).StartsWith(Key(ourTown)) || Key(ourTown).StartsWith(Key(peerTown))) { if (peerCity.EndsWith(ours[i]!.City ?? "\0")) agree++; }
                else Console.WriteLine($"disagree: {texts[i]} → ours {ours[i]!.City}{ourTown}, peer {peerCity}{peerTown}");
            }
            else if (ourTown is not null) { onlyOurs++; Console.WriteLine($"only ours: {texts[i]} → {ours[i]!.City}{ourTown}; peer level {peer[i].GetProperty("level").GetInt32()}"); }
            else if (peerTown is not null) { onlyPeer++; Console.WriteLine($"only peer: {texts[i]} → {peerCity}{peerTown}"); }
        }
        Console.WriteLine($"ours: {perSecond:F0} addresses per CPU-second (one thread, incl. normalisation); town level for {ours.Count(o => o?.Level == "town")}/{texts.Length}");
        Console.WriteLine($"agreement at town level: {agree}/{texts.Length} (both town: {bothTown}; only ours: {onlyOurs}; only peer: {onlyPeer})");
    }

    private static string Key(string t) => TextNormaliser.NormaliseTerm(t.StartsWith("大字") ? t[2..] : t.StartsWith('字') ? t[1..] : t)
        .Replace("一", "1").Replace("二", "2").Replace("三", "3").Replace("四", "4").Replace("五", "5");

    private static long Managed()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(true);
    }
}
