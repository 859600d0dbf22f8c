using BenchmarkDotNet.Attributes;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Reliability;

/// <summary>
/// Per-post cost of the reliability stages on the Kumamoto replay scenario (3,766 posts of
/// realistic shape): the rule-based grade and the copy lookup, against text normalisation (an
/// existing stage) as the same-run baseline. Each invocation processes every scenario post once
/// (OperationsPerInvoke), so Mean is per post. The copy lookup runs against a window prefilled
/// with <see cref="Window"/> distinct synthetic texts, to show its cost does not grow with it.
/// </summary>
[MemoryDiagnoser]
public class ReliabilityBenchmarks
{
    private Post[] _posts = [];
    private NormalisedText[] _texts = [];
    private GlossaryResult[] _glossary = [];
    private PostLocation?[] _locations = [];
    private DenialSignal[] _denials = [];
    private AccountRegistry _registry = AccountRegistry.CreateDefault();
    private CopyDetector _copies = new(1);
    private int _round;

    [Params(10_000, 2_000_000)] public int Window { get; set; }

    public static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SnsDashboard.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), relative);
    }

    public static Post[] ScenarioPosts() =>
        File.ReadLines(RepoFile("scenarios/kumamoto-earthquake.jsonl")).Select(PostJson.Parse).Where(p => p.Success).Select(p => p.Post!).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        _posts = ScenarioPosts();
        var glossary = GlossaryLoader.LoadDirectory(RepoFile("keyword-glossary"));
        var gazetteer = DemoGazetteer.Create();
        _texts = _posts.Select(p => TextNormaliser.Normalise(p.Text)).ToArray();
        _glossary = _posts.Select((p, i) => GlossaryMatcher.Match(p, _texts[i], glossary)).ToArray();
        _locations = _posts.Select((p, i) => TextGeolocator.Locate(p, _texts[i], gazetteer)).ToArray();
        _denials = _texts.Select(t => DenialDetector.Detect(t.Value)).ToArray();
        _copies = new CopyDetector(Window);
        for (int i = 0; i < Window; i++)
        {
            var filler = new Post
            {
                Source = "fill", SourcePostId = i.ToString(), CreatedAt = DateTimeOffset.UnixEpoch,
                Author = new PostAuthor { Id = "f" }, Text = $"充填用の投稿{i}番、地点{i % 977}で観測値{i * 7919 % 100003}を記録",
            };
            _copies.Observe(filler, TextNormaliser.Normalise(filler.Text));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 3766)]
    public int Normalise_baseline()
    {
        int n = 0;
        foreach (var p in _posts) n += TextNormaliser.Normalise(p.Text).Value.Length;
        return n;
    }

    [Benchmark(OperationsPerInvoke = 3766)]
    public double Grade_rule_based()
    {
        double s = 0;
        var now = DateTimeOffset.UtcNow;
        for (int i = 0; i < _posts.Length; i++)
            s += ReliabilityGrader.Grade(_posts[i], _texts[i], _glossary[i], _locations[i], _registry, AuthorTrackRecords.Empty, _denials[i], now).Score;
        return s;
    }

    [Benchmark(OperationsPerInvoke = 3766)]
    public int Denial_detection()
    {
        int n = 0;
        foreach (var t in _texts) if (DenialDetector.Detect(t.Value).ContradictsSomething) n++;
        return n;
    }

    /// <summary>Each round uses fresh post ids so the posts are new to the window (copies of the
    /// scenario's earlier rounds, as in a replayed storm).</summary>
    [Benchmark(OperationsPerInvoke = 3766)]
    public int Copy_lookup()
    {
        int copies = 0;
        string round = (++_round).ToString();
        for (int i = 0; i < _posts.Length; i++)
            if (_copies.Observe(_posts[i] with { SourcePostId = round + "-" + i }, _texts[i]).DuplicateOf is not null) copies++;
        return copies;
    }
}
