using System.Text;
using System.Text.Json;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Glossary;

/// <summary>
/// <c>glossary-golden &lt;out-file&gt;</c>: writes the normaliser's output (value and offset map) and the
/// matcher's full result (decision, matches, suppressed terms, every explanation note) for every
/// post of the labelled sets, both scenarios, the geolocation evaluation texts and the benchmark
/// posts. Diff two runs to prove an optimisation changed nothing a user or a test can see.
/// </summary>
internal static class GlossaryGolden
{
    public static void Run(string outFile)
    {
        var glossary = GlossaryLoader.Build(BenchGlossaries.Load("baseline"));
        using var w = new StreamWriter(outFile, false, new UTF8Encoding(false));
        foreach (var post in Posts())
        {
            var n = TextNormaliser.Normalise(post.Text);
            w.Write(post.SourcePostId); w.Write('\t'); w.Write(n.Value); w.Write('\t');
            for (int i = 0; i < n.Value.Length; i++) w.Write($"{n.ToOriginal(i, 1)}");
            w.Write('\t');
            var r = GlossaryMatcher.Match(post, n, glossary);
            w.Write($"{r.Relevant}|{string.Join(',', r.Categories)}|{string.Join(',', r.Hazards)}|{r.ExcludedBy}|");
            w.Write(string.Join(';', r.Matches)); w.Write('|');
            w.Write(string.Join(';', r.Suppressed)); w.Write('|');
            w.WriteLine(string.Join(';', r.Explanation));
        }
    }

    private static IEnumerable<Post> Posts()
    {
        string root = ConfigPaths.Root;
        var files = Directory.GetFiles(Path.Combine(root, "tests/SnsDashboard.Tests/Glossary/Data"), "*.tsv")
            .Concat(Directory.GetFiles(Path.Combine(root, "tests/SnsDashboard.Tests/Geo/Evaluation"), "*.tsv")).Order();
        foreach (var file in files)
        {
            int line = 0;
            foreach (var l in File.ReadLines(file))
            {
                line++;
                if (l.StartsWith('#') || l.Length == 0) continue;
                foreach (var field in l.Split('\t'))
                    yield return Make($"{Path.GetFileName(file)}:{line}", field, []);
            }
        }
        foreach (var file in Directory.GetFiles(Path.Combine(root, "scenarios"), "*.jsonl").Order())
        {
            int line = 0;
            foreach (var l in File.ReadLines(file))
            {
                line++;
                JsonElement e;
                try { e = JsonDocument.Parse(l).RootElement; } catch (JsonException) { continue; }
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String) continue;
                string[] tags = e.TryGetProperty("hashtags", out var h) && h.ValueKind == JsonValueKind.Array
                    ? [.. h.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)] : [];
                yield return Make($"{Path.GetFileName(file)}:{line}", t.GetString()!, tags);
            }
        }
        foreach (var p in BenchPosts.Make(GlossaryMatcherBenchmarks.Posts, seed: 7)) yield return p;
    }

    private static Post Make(string id, string text, string[] tags) => new()
    {
        Source = "golden", SourcePostId = id, Text = text, CreatedAt = DateTimeOffset.UnixEpoch,
        Author = new PostAuthor { Id = "a" }, Hashtags = tags,
    };
}
