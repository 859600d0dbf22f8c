using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Pipeline;

/// <summary>
/// Runs the stages over one post: normalise → glossary → geolocate → spatial joins → denial → grade (pure, see
/// <see cref="RunPureStages"/>), then same-author context → copies → claims → score model (stateful,
/// see <see cref="Complete"/>). The same analyser serves the live host and the batch <c>analyze</c>
/// command. The only state is the copy detector's window, the claim tracker and the authors' recent
/// located reports (all bounded), so one analyser instance serves one ordered stream:
/// <see cref="AnalyseBatch"/> runs the pure stages of a batch on several threads and the stateful ones
/// in stream order, with the same results as <see cref="Analyse"/> post after post.
/// </summary>
public sealed class PostAnalyser
{
    /// <summary>Posts per work item of the parallel pure stages: large enough that scheduling is
    /// noise (≈50 µs per post), small enough that two threads share a 2,000-post batch evenly.</summary>
    private const int PureChunk = 64;

    private readonly SnapshotHolder _snapshots;
    private readonly CopyDetector _copies;
    private readonly ClaimTracker _claims;
    private readonly ParallelOptions _parallel;
    private readonly AuthorLocationContext _authors;

    public PostAnalyser(SnapshotHolder snapshots) : this(snapshots, new ClaimStatusBoard()) { }

    public PostAnalyser(SnapshotHolder snapshots, ClaimStatusBoard board, ClaimTrackerOptions? claimOptions = null,
        int copyWindow = CopyDetector.DefaultCapacity, int workers = 0, AuthorLocationContext? authors = null)
    {
        _authors = authors ?? new AuthorLocationContext();
        _snapshots = snapshots;
        _copies = new CopyDetector(copyWindow);
        _claims = new ClaimTracker(board, claimOptions);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = workers > 0 ? workers : Environment.ProcessorCount };
    }

    public PostAnalysis Analyse(Post post, DateTimeOffset now) => Complete(post, RunPureStages(post, now, _snapshots.Current));

    /// <summary>
    /// Analyses <paramref name="posts"/> as one stretch of the stream: <c>results[i]</c> for
    /// <c>posts[i]</c>, or null with <c>errors[i]</c> set when a stage threw for that post (a post
    /// whose pure stages fail never reaches the stateful ones). The pure stages run on up to
    /// <c>workers</c> threads; copies and claims then see the posts in their order.
    /// </summary>
    public void AnalyseBatch(IReadOnlyList<Post> posts, DateTimeOffset now, PostAnalysis?[] results, Exception?[] errors)
    {
        var pure = new PureStages?[posts.Count];
        int chunks = (posts.Count + PureChunk - 1) / PureChunk;
        if (chunks <= 1 || _parallel.MaxDegreeOfParallelism == 1)
            RunPureChunk(0, posts.Count);
        else
            Parallel.For(0, chunks, _parallel, c => RunPureChunk(c * PureChunk, Math.Min(posts.Count, (c + 1) * PureChunk)));

        for (int i = 0; i < posts.Count; i++)
        {
            if (pure[i] is not { } p) continue;
            try { results[i] = Complete(posts[i], p); }
            catch (Exception e) { errors[i] = e; }
        }

        void RunPureChunk(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                // Read per post, as Analyse does: a snapshot published mid-batch applies from the next post read.
                try { pure[i] = RunPureStages(posts[i], now, _snapshots.Current); }
                catch (Exception e) { errors[i] = e; }
            }
        }
    }

    /// <summary>The stages that depend on the post and the reference data only: safe on any thread, in any order.</summary>
    internal static PureStages RunPureStages(Post post, DateTimeOffset now, PipelineSnapshot snapshot)
    {
        var text = TextNormaliser.Normalise(post.Text);
        var glossary = GlossaryMatcher.Match(post, text, snapshot.Glossary);
        var location = TextGeolocator.Locate(post, text, snapshot.Gazetteer);
        var spatial = SpatialJoinStage.Join(location, snapshot.Spatial);
        var denial = DenialDetector.Detect(text.Value);
        var grade = ReliabilityGrader.Grade(post, text, glossary, location, snapshot.Registry, snapshot.TrackRecords, denial, now);
        return new PureStages(snapshot, text, glossary, location, spatial, denial, grade);
    }

    /// <summary>The stateful stages (copy window, claims), which must see the stream in order, and the record.</summary>
    internal PostAnalysis Complete(Post post, in PureStages pure)
    {
        var glossary = pure.Glossary;
        // The author's earlier report is stream state, so it is applied here in order. The grade
        // stays the one on the post's own location: a place carried over from the author's earlier
        // report does not make this post "specific".
        var location = _authors.Apply(post, pure.Location, glossary.Relevant);
        var spatial = ReferenceEquals(location, pure.Location) ? pure.Spatial : SpatialJoinStage.Join(location, pure.Snapshot.Spatial);
        var copy = _copies.Observe(post, pure.Text);
        var claim = _claims.Observe(post, pure.Text, ClaimTopics(glossary, pure.Denial), location, pure.Grade, pure.Denial, copy);
        return new PostAnalysis
        {
            Relevant = glossary.Relevant,
            Categories = glossary.Categories,
            Hazards = glossary.Hazards,
            Matches = glossary.Matches,
            ExcludedBy = glossary.ExcludedBy,
            Location = location,
            Spatial = spatial,
            Reliability = pure.Snapshot.Model.Apply(post, pure.Text, claim.Grade),
            DuplicateOf = claim.DuplicateOf,
            ClaimId = claim.ClaimId,
            ClaimStatus = claim.Status,
        };
    }

    /// <summary>What a post is about, for grouping into claims. A contradiction such as
    /// 「停電していません」 has its term suppressed by the glossary's negation rule (it reports no
    /// outage), yet it is about the outage claim it contradicts: its negated terms count here.</summary>
    internal static IReadOnlyList<string> ClaimTopics(GlossaryResult glossary, DenialSignal denial) =>
        !denial.ContradictsSomething || glossary.Suppressed.Count == 0
            ? glossary.Categories
            : [.. glossary.Categories.Union(glossary.Suppressed.Select(s => s.Match.Category))];
}

/// <summary>The results of the pure stages for one post, with the snapshot they were computed against.</summary>
internal readonly record struct PureStages(PipelineSnapshot Snapshot, NormalisedText Text, GlossaryResult Glossary,
    PostLocation? Location, SpatialJoinResult? Spatial, DenialSignal Denial, ReliabilityGrade Grade);
