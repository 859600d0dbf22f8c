using System.Diagnostics;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Glossary;

/// <summary>
/// <c>glossary-throughput [seconds] [glossary]</c>: matcher posts per CPU-second of this thread on
/// the benchmark posts (95 % chatter), for each engine, against the naive IndexOf-per-spelling loop
/// measured in the same run. CPU time of the measuring thread rather than wall time because the
/// machine is shared (a loaded machine inflates wall time, not the CPU time the loop itself used);
/// also the loop to attach a profiler to (<c>GLOSSARY_PROFILE=1</c>: Aho–Corasick only, for perf).
/// </summary>
internal static class GlossaryThroughput
{
    public static void Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        string[] glossaries = args.Length > 1 ? [args[1]] : ["baseline", "synthetic-5000"];
        bool profile = Environment.GetEnvironmentVariable("GLOSSARY_PROFILE") is not null;
        var posts = BenchPosts.Make(GlossaryMatcherBenchmarks.Posts, seed: 7);
        var texts = posts.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
        foreach (string name in glossaries)
        {
            var content = BenchGlossaries.Load(name);
            string[] spellings = content.Terms.SelectMany(t => t.Spellings).Select(TextNormaliser.NormaliseTerm).Distinct().ToArray();
            double naive = profile ? double.NaN : PerCpuSecond(seconds, posts.Length, i =>
            {
                int found = 0;
                var v = texts[i].Value.AsSpan();
                foreach (var s in spellings)
                    if (v.IndexOf(s, StringComparison.Ordinal) >= 0) found++;
                return found;
            });
            Console.WriteLine($"{name}: naive IndexOf per spelling {naive,12:F0} posts/CPU-s");
            PhraseSearch[] engines = profile ? [PhraseSearch.AhoCorasick] : Enum.GetValues<PhraseSearch>();
            foreach (var engine in engines)
            {
                var glossary = new GlossarySnapshot
                {
                    Version = name, Terms = content.Terms, Exclusions = content.Exclusions, Hashtags = content.Hashtags, Search = engine,
                }.Compile();
                double rate = PerCpuSecond(seconds, posts.Length, i => GlossaryMatcher.Match(posts[i], texts[i], glossary).Relevant ? 1 : 0);
                Console.WriteLine($"{name}: {engine,-16} {rate,12:F0} posts/CPU-s = {1e6 / rate:F3} µs/post; {rate / naive:F1}× naive");
                if (engine != PhraseSearch.AhoCorasick) continue;
                // Where the time goes: the phrase scan alone, and the matcher on each kind of post.
                var hits = new List<(int, PhraseIndex<GlossaryPhrase>.Phrase)>();
                double scan = PerCpuSecond(seconds, posts.Length, i => { hits.Clear(); return glossary.Compiled.Index.Scan(texts[i].Value, hits); });
                Console.WriteLine($"{name}:   scan alone {1e6 / scan:F3} µs/post");
                foreach (bool relevant in new[] { false, true })
                {
                    int[] which = Enumerable.Range(0, posts.Length).Where(i => GlossaryMatcher.Match(posts[i], texts[i], glossary).Relevant == relevant).ToArray();
                    double r = PerCpuSecond(seconds, which.Length, k => GlossaryMatcher.Match(posts[which[k]], texts[which[k]], glossary).Relevant ? 1 : 0);
                    Console.WriteLine($"{name}:   {(relevant ? "relevant" : "irrelevant"),-10} posts only ({which.Length}): {1e6 / r:F3} µs/post");
                }
            }
        }
    }

    // Counts posts per second of this thread's own CPU time (warm-up first so tier-1 code runs).
    private static double PerCpuSecond(double seconds, int count, Func<int, int> op)
    {
        double warm = ThreadCpuSeconds();
        do
        {
            for (int i = 0; i < count; i++) op(i);
        } while (ThreadCpuSeconds() - warm < seconds / 4);
        double start = ThreadCpuSeconds();
        long done = 0;
        int sink = 0;
        var wall = Stopwatch.StartNew();
        do
        {
            for (int i = 0; i < count; i++) sink += op(i);
            done += count;
        } while (ThreadCpuSeconds() - start < seconds && wall.Elapsed.TotalSeconds < seconds * 30);
        GC.KeepAlive(sink);
        return done / (ThreadCpuSeconds() - start);
    }

    private struct TimeSpec { public long Seconds, Nanoseconds; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    private static double ThreadCpuSeconds()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
        return t.Seconds + t.Nanoseconds / 1e9;
    }
}
