using BenchmarkDotNet.Attributes;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Glossary;

/// <summary>
/// Glossary matcher throughput on ~100-character Japanese posts, 95 % everyday chatter and 5 %
/// disaster reports: each search engine (first-character bitmap, SearchValues&lt;string&gt;,
/// Aho–Corasick) against the naive baseline of one IndexOf per spelling, with the baseline glossary
/// and with a synthetic 5,000-term glossary. One operation = 1,000 posts (already normalised, as
/// the pipeline normalises once for every stage); <see cref="NormaliseAndMatch"/> adds normalisation.
/// Run: dotnet run -c Release --project bench/SnsDashboard.Benchmarks -- --filter *GlossaryMatcher* --job short
/// </summary>
[MemoryDiagnoser]
public class GlossaryMatcherBenchmarks
{
    public const int Posts = 1000;

    [Params("baseline", "synthetic-5000")]
    public string Glossary { get; set; } = "baseline";

    [Params(PhraseSearch.FirstCharBitmap, PhraseSearch.SearchValues, PhraseSearch.AhoCorasick)]
    public PhraseSearch Engine { get; set; }

    private GlossarySnapshot _glossary = null!;
    private Post[] _posts = null!;
    private NormalisedText[] _texts = null!;
    private NaiveGlossarySearch _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        var content = BenchGlossaries.Load(Glossary);
        _glossary = new GlossarySnapshot
        {
            Version = Glossary, Terms = content.Terms, Exclusions = content.Exclusions, Hashtags = content.Hashtags, Search = Engine,
        }.Compile();
        _posts = BenchPosts.Make(Posts, seed: 7);
        _texts = _posts.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
        _naive = new NaiveGlossarySearch(content.Terms);
    }

    [Benchmark(OperationsPerInvoke = Posts)]
    public int Match()
    {
        int relevant = 0;
        for (int i = 0; i < _posts.Length; i++)
            if (GlossaryMatcher.Match(_posts[i], _texts[i], _glossary).Relevant) relevant++;
        return relevant;
    }

    [Benchmark(OperationsPerInvoke = Posts)]
    public int NormaliseAndMatch()
    {
        int relevant = 0;
        for (int i = 0; i < _posts.Length; i++)
            if (GlossaryMatcher.Match(_posts[i], TextNormaliser.Normalise(_posts[i].Text), _glossary).Relevant) relevant++;
        return relevant;
    }

    /// <summary>The naive baseline (<see cref="NaiveGlossarySearch"/>, shared with glossary-throughput): one ordinal IndexOf per spelling per post.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Posts)]
    public int NaiveIndexOfPerTerm()
    {
        int found = 0;
        foreach (var text in _texts) found += _naive.CountFound(text.Value);
        return found;
    }
}

/// <summary>How long a published glossary takes to compile (the swap itself is one reference write).</summary>
[MemoryDiagnoser]
public class GlossaryCompileBenchmarks
{
    [Params("baseline", "synthetic-5000")]
    public string Glossary { get; set; } = "baseline";

    private GlossaryContent _content = null!;

    [GlobalSetup]
    public void Setup() => _content = BenchGlossaries.Load(Glossary);

    [Benchmark]
    public GlossarySnapshot ValidateAndCompile() => ValidateAndCompile(_content);

    internal static GlossarySnapshot ValidateAndCompile(GlossaryContent content)
    {
        if (GlossaryValidator.Validate(content).Any(i => i.IsError)) throw new InvalidOperationException("invalid");
        return GlossaryLoader.Build(content);
    }
}

internal static class BenchGlossaries
{
    public static GlossaryContent Load(string name)
    {
        var baseline = GlossaryContent.Of(GlossaryLoader.LoadDirectory(Path.Combine(ConfigPaths.Root, "keyword-glossary")));
        if (name == "baseline") return baseline;
        // 5,000 concepts: the baseline plus synthetic two-to-four-ideograph terms (kanji compounds
        // like the real ones; they rarely occur in everyday text, as most real terms do not).
        var rng = new Random(5000);
        var terms = new List<GlossaryTerm>(baseline.Terms);
        var seen = new HashSet<string>(terms.SelectMany(t => t.Spellings).Select(TextNormaliser.NormaliseTerm));
        string[] categories = [.. SnsDashboard.Core.Analysis.Taxonomy.Categories];
        while (terms.Count < 5000)
        {
            int len = rng.Next(2, 5);
            var chars = new char[len];
            for (int i = 0; i < len; i++) chars[i] = (char)(0x4E00 + rng.Next(0, 3000));
            string term = new(chars);
            if (!seen.Add(term)) continue;
            terms.Add(new GlossaryTerm(term, categories[rng.Next(categories.Length)], [], 1.5, []));
        }
        return baseline with { Version = "synthetic-5000", Terms = terms };
    }
}

/// <summary>Deterministic ~100-character posts: 95 % everyday chatter, 5 % disaster reports.</summary>
internal static class BenchPosts
{
    private static readonly string[] Chatter =
    [
        "今日のランチは駅前の新しいカフェでパスタを食べました。", "週末は友達と映画を見に行く予定です！", "電車が混んでて座れなかった…",
        "新作のスイーツが美味しすぎて二個も買ってしまった", "明日のプレゼン資料まだ終わらない、今夜は徹夜かな", "猫が窓辺で日向ぼっこしてる",
        "推しのライブのチケットが当たった！嬉しい", "ジムで二時間トレーニングして筋肉痛がすごい", "久しぶりに実家に帰って母の手料理を食べた",
        "この本めちゃくちゃ面白いから皆に読んでほしい", "雨の日は家でのんびりコーヒーを飲むのが好き", "子どもの運動会で一等賞を取ってくれた",
        "新しいスマホに機種変更したけど設定が面倒", "朝からずっと会議で疲れました", "コンビニの新商品のおにぎりが美味しい",
    ];

    private static readonly string[] Reports =
    [
        "益城町で家が倒壊して祖母が下敷きになっています。助けてください #救助", "川が氾濫して道路が冠水、車が通れません",
        "震度6強の揺れで停電しています。断水もしていて水が出ない", "避難所の体育館に避難しました。毛布が足りないです",
        "土砂崩れで県道が通行止めになっています", "津波警報が出ています。高台に避難してください",
    ];

    public static Post[] Make(int count, int seed)
    {
        var rng = new Random(seed);
        var posts = new Post[count];
        for (int i = 0; i < count; i++)
        {
            var sb = new System.Text.StringBuilder();
            bool report = rng.Next(100) < 5;
            while (sb.Length < 90)
                sb.Append(report && sb.Length == 0 ? Reports[rng.Next(Reports.Length)] : Chatter[rng.Next(Chatter.Length)]);
            posts[i] = new Post
            {
                Source = "bench", SourcePostId = i.ToString(), Text = sb.ToString(), CreatedAt = DateTimeOffset.UnixEpoch,
                Author = new PostAuthor { Id = "a" },
            };
        }
        return posts;
    }
}
