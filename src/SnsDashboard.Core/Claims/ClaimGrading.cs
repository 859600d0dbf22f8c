using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Core.Claims;

/// <summary>The facts about a claim that decide its status (a snapshot of the tracker's state).</summary>
public readonly record struct ClaimFacts(
    int IndependentAuthors, int Contradictions, bool OfficialConfirmed, bool OfficialDenied, string? HoaxPattern);

/// <summary>Pure rules that turn claim facts into a status and adjust a post's grade for the
/// claim it belongs to (reliability-and-glossary.md §A.4, the parts that need other posts).</summary>
public static class ClaimGrading
{
    /// <summary>Independent authors needed for "corroborated" (the first report plus one more).</summary>
    public const int CorroborationAuthors = 2;

    /// <summary>Operator decision &gt; official denial (debunked) &gt; official confirmation &gt;
    /// contradiction or known hoax pattern (disputed) &gt; independent corroboration &gt; unverified.</summary>
    public static (string Status, string? Reason) Status(in ClaimFacts f, OperatorDecision? decision)
    {
        if (decision is { Status: not ClaimStatuses.Unverified })
            return (decision.Status, decision.Status == ClaimStatuses.Confirmed ? "claim_confirmed_by_operator" : "claim_marked_rumour_by_operator");
        if (f.OfficialDenied) return (ClaimStatuses.Debunked, "claim_debunked");
        if (f.OfficialConfirmed) return (ClaimStatuses.Confirmed, "confirmed_by_official");
        if (f.HoaxPattern is { } hoax) return (ClaimStatuses.Disputed, $"known_hoax_pattern:{hoax}");
        if (f.Contradictions > 0) return (ClaimStatuses.Disputed, "claim_disputed");
        if (f.IndependentAuthors >= CorroborationAuthors) return (ClaimStatuses.Corroborated, $"corroborated_by_independent:{f.IndependentAuthors - 1}");
        return (ClaimStatuses.Unverified, null);
    }

    /// <summary>The post's grade inside its claim. <paramref name="otherIndependent"/> counts the
    /// claim's independent authors other than this post's author. Source letters never change here:
    /// what others say about a report says nothing about who posted it.</summary>
    public static ReliabilityGrade Adjust(ReliabilityGrade grade, string status, string? statusReason, int otherIndependent, in ClaimFacts facts)
    {
        int c = grade.Credibility;
        string? reason = null;
        switch (status)
        {
            case ClaimStatuses.Debunked:
                c = Math.Max(c, 5); reason = statusReason ?? "claim_debunked"; break;
            case ClaimStatuses.Disputed:
                // Outnumbered by contradictions → improbable (5); otherwise doubtful (4).
                c = Math.Max(c, facts.Contradictions > facts.IndependentAuthors ? 5 : 4); reason = statusReason ?? "claim_disputed"; break;
            case ClaimStatuses.Confirmed:
                c = c <= 3 ? 1 : Math.Min(c, 2); reason = statusReason ?? "confirmed_by_official"; break;
            default:
                if (otherIndependent >= 2 && c <= 3) c = 1;
                else if (otherIndependent >= 1 && c <= 3) c = Math.Min(c, 2);
                else if (otherIndependent >= 2 && c == 6) c = 3;
                if (otherIndependent >= 1) reason = $"corroborated_by_independent:{otherIndependent}";
                break;
        }
        if (reason is null && c == grade.Credibility) return grade;
        var reasons = grade.Reasons.ToList();
        if (reason is not null && !reasons.Contains(reason)) reasons.Add(reason);
        return grade with { Credibility = c, Score = ReliabilityGrader.Score(grade.Source[0], c), Reasons = reasons };
    }
}
