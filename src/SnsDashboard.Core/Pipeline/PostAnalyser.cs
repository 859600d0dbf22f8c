using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Pipeline;

/// <summary>
/// Runs the stages over one post: normalise → glossary → geolocate (→ same-author context) → grade
/// → copies → claims. The same analyser serves the live host and the batch <c>analyze</c> command.
/// The stages are pure; the only state is the copy detector's window, the claim tracker and the
/// authors' recent located reports (all bounded),
/// which is why one analyser instance serves one ordered stream (not thread-safe).
/// </summary>
public sealed class PostAnalyser
{
    private readonly SnapshotHolder _snapshots;
    private readonly CopyDetector _copies;
    private readonly ClaimTracker _claims;
    private readonly AuthorLocationContext _authors = new();

    public PostAnalyser(SnapshotHolder snapshots) : this(snapshots, new ClaimStatusBoard()) { }

    public PostAnalyser(SnapshotHolder snapshots, ClaimStatusBoard board, ClaimTrackerOptions? claimOptions = null,
        int copyWindow = CopyDetector.DefaultCapacity)
    {
        _snapshots = snapshots;
        _copies = new CopyDetector(copyWindow);
        _claims = new ClaimTracker(board, claimOptions);
    }

    public PostAnalysis Analyse(Post post, DateTimeOffset now)
    {
        var snapshot = _snapshots.Current;
        var text = TextNormaliser.Normalise(post.Text);
        var glossary = GlossaryMatcher.Match(post, text, snapshot.Glossary);
        var ownLocation = TextGeolocator.Locate(post, text, snapshot.Gazetteer);
        var location = _authors.Apply(post, ownLocation, glossary.Relevant);
        var denial = DenialDetector.Detect(text.Value);
        // Graded on its own location: a place carried over from the author's earlier report does not
        // make this post "specific".
        var grade = ReliabilityGrader.Grade(post, text, glossary, ownLocation, snapshot.Registry, snapshot.TrackRecords, denial, now);
        var copy = _copies.Observe(post, text);
        var claim = _claims.Observe(post, text, ClaimTopics(glossary, denial), location, grade, denial, copy);
        return new PostAnalysis
        {
            Relevant = glossary.Relevant,
            Categories = glossary.Categories,
            Hazards = glossary.Hazards,
            Matches = glossary.Matches,
            ExcludedBy = glossary.ExcludedBy,
            Location = location,
            Reliability = snapshot.Model.Apply(post, text, claim.Grade),
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
