using System.Diagnostics;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;
using SnsDashboard.Benchmarks.Load;

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
        if (Environment.GetEnvironmentVariable("GLOSSARY_PROFILE") == "normalise")
        {
            double n = PerCpuSecond(seconds, posts.Length, i => TextNormaliser.Normalise(posts[i].Text).Value.Length);
            Console.WriteLine($"normalise alone {1e6 / n:F3} µs/post");
            return;
        }
        foreach (string name in glossaries)
        {
            var content = BenchGlossaries.Load(name);
            var naiveSearch = new NaiveGlossarySearch(content.Terms);
            double naive = profile ? double.NaN : PerCpuSecond(seconds, posts.Length, i => naiveSearch.CountFound(texts[i].Value));
            Console.WriteLine($"{name}: naive IndexOf per spelling ({naiveSearch.SpellingCount}) {naive,12:F0} posts/CPU-s = {1e6 / naive:F3} µs/post");
            if (!profile)
            {
                // Compile/swap cost in CPU time of this thread (validate, normalise, build the automaton), after one warm-up.
                GlossaryCompileBenchmarks.ValidateAndCompile(content);
                double before = ThreadCpuSeconds();
                const int compiles = 5;
                for (int i = 0; i < compiles; i++) GlossaryCompileBenchmarks.ValidateAndCompile(content);
                Console.WriteLine($"{name}: validate and compile {(ThreadCpuSeconds() - before) * 1000 / compiles:F1} ms CPU");
            }
            PhraseSearch[] engines = profile ? [PhraseSearch.AhoCorasick] : Enum.GetValues<PhraseSearch>();
            foreach (var engine in engines)
            {
                var glossary = new GlossarySnapshot
                {
                    Version = name, Terms = content.Terms, Exclusions = content.Exclusions, Hashtags = content.Hashtags, Search = engine,
                }.Compile();
                double rate = PerCpuSecond(seconds, posts.Length, i => GlossaryMatcher.Match(posts[i], texts[i], glossary).Relevant ? 1 : 0);
                Console.WriteLine($"{name}: {engine,-16} {rate,12:F0} posts/CPU-s = {1e6 / rate:F3} µs/post; {rate / naive:F1}× naive");
                if (engine == PhraseSearch.AhoCorasick && !profile) Attribute(name, seconds, posts, texts, glossary);
            }
        }
    }

    // Where the time goes on the default engine: normalisation (not part of Match: the pipeline
    // normalises once for every stage), the phrase scan alone, and the matcher on each kind of post —
    // no phrase at all, only cues/exclusions (the fast path), a term that does not make the post
    // relevant (the full decision), relevant posts.
    private static void Attribute(string name, double seconds, Post[] posts, NormalisedText[] texts, GlossarySnapshot glossary)
    {
        double normalise = PerCpuSecond(seconds, posts.Length, i => TextNormaliser.Normalise(posts[i].Text).Value.Length);
        Console.WriteLine($"{name}:   normalise alone {1e6 / normalise:F3} µs/post");
        var hits = new List<(int, PhraseIndex<GlossaryPhrase>.Phrase)>();
        double scan = PerCpuSecond(seconds, posts.Length, i => { hits.Clear(); return glossary.Compiled.Index.Scan(texts[i].Value, hits); });
        Console.WriteLine($"{name}:   scan alone {1e6 / scan:F3} µs/post");
        string Kind(int i)
        {
            if (GlossaryMatcher.Match(posts[i], texts[i], glossary).Relevant) return "relevant";
            hits.Clear();
            glossary.Compiled.Index.Scan(texts[i].Value, hits);
            if (hits.Count == 0) return "irrelevant, no phrase";
            return hits.Exists(h => h.Item2.Payloads.Any(p => p.Term is not null || p.Hashtag is not null))
                ? "irrelevant, term decided" : "irrelevant, cue/exclusion only";
        }
        foreach (var group in Enumerable.Range(0, posts.Length).GroupBy(Kind).OrderBy(g => g.Key))
        {
            int[] which = [.. group];
            double r = PerCpuSecond(seconds, which.Length, k => GlossaryMatcher.Match(posts[which[k]], texts[which[k]], glossary).Relevant ? 1 : 0);
            double groupScan = PerCpuSecond(seconds, which.Length, k => { hits.Clear(); return glossary.Compiled.Index.Scan(texts[which[k]].Value, hits); });
            Console.WriteLine($"{name}:   {group.Key,-32} ({which.Length,4} posts): {1e6 / r:F3} µs/post, of which the scan {1e6 / groupScan:F3}");
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

    private static double ThreadCpuSeconds() => ThreadCpu.Nanoseconds() / 1e9; // CLOCK_THREAD_CPUTIME_ID
}
