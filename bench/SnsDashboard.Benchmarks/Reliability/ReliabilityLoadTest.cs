using System.Diagnostics;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Reliability;

/// <summary>
/// <c>reliability [rounds] [window]</c>: per-post cost of the reliability stages on both replay
/// scenarios (7,900 posts of realistic shape, repeated <c>rounds</c> times with fresh ids), single
/// thread, against text normalisation (an existing stage) measured in the same run as the
/// baseline. The copy lookup runs against a small (10,000) and a large (<c>window</c>, default
/// 2,000,000) prefilled window to show its cost does not grow with the window, and reports the
/// window's memory.
/// </summary>
public static class ReliabilityLoadTest
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 20;
        int window = args.Length > 1 ? int.Parse(args[1]) : 2_000_000;
        var posts = ScenarioPosts();
        var glossary = GlossaryLoader.LoadDirectory(RepoFile("keyword-glossary"));
        var gazetteer = DemoGazetteer.Create();
        var registry = AccountRegistry.CreateDefault();
        var texts = posts.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
        var glossaries = posts.Select((p, i) => GlossaryMatcher.Match(p, texts[i], glossary)).ToArray();
        var locations = posts.Select((p, i) => TextGeolocator.Locate(p, texts[i], gazetteer)).ToArray();
        var denials = texts.Select(t => DenialDetector.Detect(t.Value)).ToArray();
        var grades = posts.Select((p, i) => ReliabilityGrader.Grade(p, texts[i], glossaries[i], locations[i], registry, AuthorTrackRecords.Empty, denials[i], p.CreatedAt)).ToArray();
        long n = (long)posts.Length * rounds;
        Console.WriteLine($"{posts.Length} scenario posts × {rounds} rounds = {n:N0} posts per measurement, 1 thread");

        Measure("baseline: TextNormaliser.Normalise", n, () =>
        {
            long s = 0;
            for (int r = 0; r < rounds; r++) foreach (var p in posts) s += TextNormaliser.Normalise(p.Text).Value.Length;
            return s;
        }, out double baseline);
        Measure("DenialDetector.Detect", n, () =>
        {
            long s = 0;
            for (int r = 0; r < rounds; r++) foreach (var t in texts) if (DenialDetector.Detect(t.Value).ContradictsSomething) s++;
            return s;
        }, out _, baseline);
        Measure("ReliabilityGrader.Grade (incl. denial detection)", n, () =>
        {
            double s = 0;
            for (int r = 0; r < rounds; r++)
                for (int i = 0; i < posts.Length; i++)
                    s += ReliabilityGrader.Grade(posts[i], texts[i], glossaries[i], locations[i], registry, AuthorTrackRecords.Empty,
                        DenialDetector.Detect(texts[i].Value), posts[i].CreatedAt).Score;
            return (long)s;
        }, out _, baseline);

        foreach (int w in new[] { 10_000, window })
        {
            long before = GC.GetTotalMemory(true);
            var copies = new CopyDetector(w);
            var fill = Stopwatch.StartNew();
            for (int i = 0; i < w; i++)
            {
                var filler = new Post
                {
                    Source = "fill", SourcePostId = i.ToString(), CreatedAt = DateTimeOffset.UnixEpoch, Author = new PostAuthor { Id = "f" },
                    Text = $"充填用の投稿{i}番、地点{i % 977}で観測値{i * 7919 % 100003}を記録",
                };
                copies.Observe(filler, TextNormaliser.Normalise(filler.Text));
            }
            long after = GC.GetTotalMemory(true);
            Console.WriteLine($"  window {w:N0}: filled in {fill.Elapsed.TotalSeconds:0.0} s, managed memory +{(after - before) / 1e6:0} MB ({(after - before) / (double)w:0} B/post)");
            int found = 0;
            Measure($"CopyDetector.Observe, window {w:N0}", n, () =>
            {
                for (int r = 0; r < rounds; r++)
                {
                    string round = "r" + r + "-";
                    for (int i = 0; i < posts.Length; i++)
                        if (copies.Observe(posts[i] with { SourcePostId = round + i }, texts[i]).DuplicateOf is not null) found++;
                }
                return found;
            }, out _, baseline);
            GC.KeepAlive(copies);
        }

        Measure("ClaimTracker.Observe (copies precomputed)", n, () =>
        {
            var tracker = new ClaimTracker(new ClaimStatusBoard());
            var detector = new CopyDetector(200_000);
            var verdicts = posts.Select((p, i) => detector.Observe(p, texts[i])).ToArray();
            long s = 0;
            for (int r = 0; r < rounds; r++)
            {
                var shift = TimeSpan.FromDays(r);
                for (int i = 0; i < posts.Length; i++)
                {
                    var p = posts[i] with { CreatedAt = posts[i].CreatedAt + shift };
                    s += tracker.Observe(p, texts[i], glossaries[i].Categories, locations[i], grades[i], denials[i], verdicts[i]).Status.Length;
                }
            }
            return s;
        }, out _, baseline);
    }

    private static void Measure(string name, long posts, Func<long> work, out double postsPerSecond, double baseline = 0)
    {
        work(); // warm-up (JIT, caches)
        var sw = Stopwatch.StartNew();
        long sink = work();
        sw.Stop();
        postsPerSecond = posts / sw.Elapsed.TotalSeconds;
        var ratio = baseline > 0 ? $"  ({postsPerSecond / baseline:0.00}× the baseline's rate)" : "";
        Console.WriteLine($"{name,-52} {postsPerSecond,12:N0} posts/s  {1e6 / postsPerSecond,7:0.00} µs/post{ratio}  [{sink}]");
    }

    public static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SnsDashboard.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), relative);
    }

    public static Post[] ScenarioPosts() =>
        new[] { "scenarios/kumamoto-earthquake.jsonl", "scenarios/kyushu-heavy-rain.jsonl" }
            .SelectMany(f => File.ReadLines(RepoFile(f))).Select(PostJson.Parse).Where(p => p.Success).Select(p => p.Post!)
            .OrderBy(p => p.CreatedAt).ToArray();
}
