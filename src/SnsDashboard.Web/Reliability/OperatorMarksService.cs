using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Web.Reliability;

/// <summary>
/// Operators' confirm/false marks on posts and confirm/rumour decisions on claims. Every mark is
/// appended to the store (nothing is overwritten or lost); for a claim the latest decision by
/// time stands and the status board says whose decision it replaced. Post marks refresh the
/// authors' track records in the pipeline snapshot, so the next post by that author is graded
/// with them.
/// </summary>
public sealed class OperatorMarksService(SqliteReliabilityStore store, ClaimStatusBoard board, SnapshotHolder snapshots, TimeProvider time)
{
    public static readonly string[] PostMarks = [MarkKinds.Confirmed, MarkKinds.False];
    public static readonly string[] ClaimDecisions = [ClaimStatuses.Confirmed, ClaimStatuses.Debunked, ClaimStatuses.Unverified];

    public OperatorMark MarkPost(AnalysedPost item, string mark, string operatorName)
    {
        if (!PostMarks.Contains(mark)) throw new ArgumentException($"unknown post mark \"{mark}\"", nameof(mark));
        var m = new OperatorMark(MarkKinds.Post, item.Post.Source, item.Post.SourcePostId, mark, operatorName, time.GetUtcNow(),
            AuthorId: item.Post.Author.Id);
        m = m with { Id = store.AddMark(m) };
        RefreshTrackRecords();
        return m;
    }

    public DecisionOutcome MarkClaim(string claimId, string status, string operatorName, string? note = null)
    {
        if (!ClaimDecisions.Contains(status)) throw new ArgumentException($"unknown claim decision \"{status}\"", nameof(status));
        var decision = new OperatorDecision(claimId, status, operatorName, time.GetUtcNow(), note);
        store.AddMark(new OperatorMark(MarkKinds.Claim, null, claimId, status, operatorName, decision.At, note));
        return board.Decide(decision);
    }

    public IReadOnlyList<OperatorMark> PostHistory(AnalysedPost item) => store.MarkHistory(MarkKinds.Post, item.Post.Source, item.Post.SourcePostId);

    public IReadOnlyList<OperatorMark> ClaimHistory(string claimId) => store.MarkHistory(MarkKinds.Claim, null, claimId);

    public void RefreshTrackRecords()
    {
        var records = store.TrackRecords();
        snapshots.Update(s => s with { TrackRecords = records });
    }
}
