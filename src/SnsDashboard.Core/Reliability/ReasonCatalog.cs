namespace SnsDashboard.Core.Reliability;

/// <summary>English sentences for the reason codes (the API and <c>analyze</c> output); the web
/// UI has its own Japanese and English resources keyed by the same codes.</summary>
public static class ReasonCatalog
{
    private static readonly Dictionary<string, string> English = new()
    {
        ["official_account"] = "Official account on the allowlist ({0})",
        ["media_account"] = "Registered media account ({0})",
        ["verified_government_not_allowlisted"] = "Government-verified but not on the allowlist",
        ["verified_business_not_allowlisted"] = "Business-verified but not on the allowlist",
        ["official_domain_not_allowlisted"] = "Official-domain handle but not on the allowlist",
        ["registered_reporter"] = "Registered citizen reporter ({0})",
        ["track_record"] = "Operators confirmed {0} of this author's judged reports",
        ["short_track_record"] = "Too few judged reports to grade the author ({0})",
        ["unknown_account"] = "Account without a track record",
        ["paid_verification_no_uplift"] = "Paid verification gives no uplift",
        ["account_age_under_7_days"] = "Account created less than 7 days ago",
        ["new_account_few_followers"] = "New account with few followers",
        ["account_age_under_30_days"] = "Account created less than 30 days ago",
        ["automated_account"] = "Automated account (bot)",
        ["official_own_announcement"] = "The authority's own announcement",
        ["official_denial"] = "Official denial ({0})",
        ["first_hand_and_specific"] = "First-hand and specific report ({0})",
        ["photo_or_video_attached"] = "Photo or video attached",
        ["exact_geotag"] = "Exact geotag",
        ["links_official_source"] = "Links to an official source ({0})",
        ["question"] = "Asked as a question ({0})",
        ["denial_or_correction"] = "Denies or corrects a report ({0})",
        ["contradiction"] = "Contradicts reports at the same place ({0})",
        ["hedged_or_hearsay"] = "Hedged or hearsay wording ({0})",
        ["repost_not_independent"] = "Repost: not independent corroboration",
        ["repost_inherits"] = "Repost: inherits the grade of the original ({0})",
        ["copy_not_independent"] = "Copy of an earlier post ({0}): not independent",
        ["quote_not_independent"] = "Quote of another post: not independent",
        ["known_hoax_pattern"] = "Known hoax pattern ({0})",
        ["retrospective"] = "Refers to a past disaster ({0})",
        ["excluded_by"] = "Exclusion term ({0})",
        ["corroborated_by_independent"] = "Corroborated by {0} independent author(s)",
        ["confirmed_by_official"] = "Confirmed by an official source",
        ["claim_disputed"] = "Contradicting information exists for this claim",
        ["claim_debunked"] = "Officially denied",
        ["claim_confirmed_by_operator"] = "Confirmed by an operator",
        ["claim_marked_rumour_by_operator"] = "Marked as a rumour by an operator",
        ["contradicts_claim"] = "Contradicts claim {0}",
        ["learned_model"] = "Learned model {0}",
    };

    /// <summary>"code:detail" → sentence; an unknown code is returned as it is.</summary>
    public static string ToEnglish(string reason)
    {
        int colon = reason.IndexOf(':');
        var code = colon < 0 ? reason : reason[..colon];
        var detail = colon < 0 ? "" : reason[(colon + 1)..];
        return English.TryGetValue(code, out var template) ? string.Format(template, detail) : reason;
    }

    public static IReadOnlyCollection<string> Codes => English.Keys;
}
