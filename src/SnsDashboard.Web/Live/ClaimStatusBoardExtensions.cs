using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;

namespace SnsDashboard.Web.Live;

public static class ClaimStatusBoardExtensions
{
    /// <summary>The post with its claim's current status: a post stored before a denial arrived
    /// still says "unverified" in the store, but must be drawn as debunked when a view loads it.</summary>
    public static AnalysedPost WithCurrentStatus(this ClaimStatusBoard board, AnalysedPost p)
    {
        string status = board.StatusOf(p.Analysis.ClaimId, p.Analysis.ClaimStatus);
        return status == p.Analysis.ClaimStatus ? p : p with { Analysis = p.Analysis with { ClaimStatus = status } };
    }
}
