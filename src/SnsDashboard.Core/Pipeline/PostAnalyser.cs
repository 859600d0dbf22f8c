using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Pipeline;

/// <summary>
/// Runs the stages over one post: normalise → glossary → geolocate → copies/claims → grade.
/// The same analyser serves the live host and the batch <c>analyze</c> command. The stages are
/// pure; the only state is the copy detector's memory of recent texts, which is why one
/// analyser instance serves one ordered stream (not thread-safe).
/// </summary>
public sealed class PostAnalyser(SnapshotHolder snapshots)
{
    private readonly CopyDetector _copies = new();

    public PostAnalysis Analyse(Post post, DateTimeOffset now)
    {
        var snapshot = snapshots.Current;
        var text = TextNormaliser.Normalise(post.Text);
        var glossary = GlossaryMatcher.Match(post, text, snapshot.Glossary);
        var location = TextGeolocator.Locate(post, text, snapshot.Gazetteer);
        var copy = _copies.Observe(post, text);
        var grade = ReliabilityGrader.Grade(post, text, glossary, location, snapshot.Registry, now);
        return new PostAnalysis
        {
            Relevant = glossary.Relevant,
            Categories = glossary.Categories,
            Hazards = glossary.Hazards,
            Matches = glossary.Matches,
            ExcludedBy = glossary.ExcludedBy,
            Location = location,
            Reliability = grade,
            DuplicateOf = copy.DuplicateOf,
            ClaimId = copy.ClaimId,
            ClaimStatus = ClaimStatuses.Unverified,
        };
    }
}
