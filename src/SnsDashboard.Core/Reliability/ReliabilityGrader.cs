using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Reliability;

/// <summary>Grades one post on two axes (source A–F, credibility 1–6) with reasons (pure).</summary>
/// <remarks>
/// Source (reliability-and-glossary.md §A.3): allowlisted official account → A; registered media →
/// B; X government/business verification or an official-domain handle, not allowlisted → B at most;
/// registered reporter → C (B with ≥5 confirmed and no refuted reports); otherwise the author's own
/// track record from operators' marks (≥5 judged: ≥80 % confirmed → B, 50–80 → C, 20–50 → D,
/// below → E); anything else → F. Then caps for accounts not on the allowlist: younger than 7 days
/// → D, younger than 30 days → C at most, fewer than 10 followers and younger than 30 days → D,
/// automated → D. Followers never change the letter (influencers amplify rumours); they only nudge
/// the 0–1 score.
/// Credibility (§A.4, the per-post part): starts at 6; first-hand and specific → 3; plus an
/// attached photo/video or an exact geotag → 2; a link to an official page about a disaster topic
/// → 2; an allowlisted official's own post → 1. Caps: questions stay at 3 or 6; hedged or hearsay
/// wording, 拡散希望 and reposts → 4; retrospective or known hoax patterns → 5. Corroboration,
/// contradiction and denial need other posts and are applied by the claim stage
/// (<see cref="Claims.ClaimGrading"/>). Reasons are stable English codes ("code" or "code:detail"),
/// one per signal; <see cref="ReasonCatalog"/> turns them into sentences.
/// </remarks>
public static class ReliabilityGrader
{
    private static readonly MarkerSet FirstHandMarkers = new(
        "目の前", "うちの", "自宅", "近所", "窓から", "撮影", "今", "私", "僕", "俺", "家の前", "家が", "うちも", "ウチ",
        "#救助", "#減災リポート", "ています", "てます");
    private static readonly MarkerSet AddressCues = new("丁目", "番地", "交差点", "駅前", "付近", "小学校", "中学校", "公民館", "役場");
    private static readonly MarkerSet HedgeMarkers = new(
        "みたい", "らしい", "と聞いた", "って聞いた", "だそう", "噂", "うわさ", "未確認", "拡散希望", "拡散お願い", "かもしれない", "本当?", "ほんと?");
    private static readonly MarkerSet QuestionMarkers = new("?", "ですか", "ますか", "でしょうか");
    private static readonly MarkerSet RetrospectiveMarkers = new("年前の今日", "周年", "震災から");
    private static readonly string[] OfficialDomains =
        ["go.jp", "lg.jp", "kyuden.co.jp", "jrkyushu.co.jp", "nhk.or.jp", "tepco.co.jp", "ntt-west.co.jp", "jartic.or.jp"];

    public static ReliabilityGrade Grade(Post post, NormalisedText text, GlossaryResult glossary, PostLocation? location,
        AccountRegistry registry, DateTimeOffset now) =>
        Grade(post, text, glossary, location, registry, AuthorTrackRecords.Empty, DenialDetector.Detect(text.Value), now);

    public static ReliabilityGrade Grade(Post post, NormalisedText text, GlossaryResult glossary, PostLocation? location,
        AccountRegistry registry, AuthorTrackRecords history, DenialSignal denial, DateTimeOffset now)
    {
        var reasons = new List<string>(6);
        var author = post.Author;
        var account = registry.Find(post.Source, author.Id);
        bool allowlisted = account is { Kind: AccountKinds.Official or AccountKinds.Media };
        var record = history.Find(post.Source, author.Id);

        // ---- Source reliability ----
        char source;
        if (account is { Kind: AccountKinds.Official }) { source = 'A'; reasons.Add($"official_account:{account.Name}"); }
        else if (account is { Kind: AccountKinds.Media }) { source = 'B'; reasons.Add($"media_account:{account.Name}"); }
        else if (author.VerifiedKind is "government" or "business") { source = 'B'; reasons.Add($"verified_{author.VerifiedKind}_not_allowlisted"); }
        else if (author.VerifiedKind is "domain" or "link" && IsOfficialDomain(author.Handle)) { source = 'B'; reasons.Add("official_domain_not_allowlisted"); }
        else if (account is { Kind: AccountKinds.Reporter })
        {
            int confirmed = account.ConfirmedReports + record.Confirmed, refuted = account.RefutedReports + record.Refuted;
            source = confirmed >= TrackRecord.Minimum && refuted == 0 ? 'B' : 'C';
            reasons.Add($"registered_reporter:{account.Name}:{confirmed}_confirmed");
        }
        else if (!string.IsNullOrEmpty(author.RegisteredReporterId)) { source = 'C'; reasons.Add($"registered_reporter:{author.RegisteredReporterId}"); }
        else if (record.Total >= TrackRecord.Minimum)
        {
            double share = (double)record.Confirmed / record.Total;
            source = share >= 0.8 ? 'B' : share >= 0.5 ? 'C' : share >= 0.2 ? 'D' : 'E';
            reasons.Add($"track_record:{record.Confirmed}/{record.Total}");
        }
        else { source = 'F'; reasons.Add("unknown_account"); }

        if (!allowlisted)
        {
            if (record.Total is > 0 and < TrackRecord.Minimum) reasons.Add($"short_track_record:{record.Confirmed}/{record.Total}");
            if (author.VerifiedKind == "paid") reasons.Add("paid_verification_no_uplift");
            TimeSpan? age = author.AccountCreatedAt is { } created ? now - created : null;
            if (age is { } a && a < TimeSpan.FromDays(7)) { source = CapAt(source, 'D'); reasons.Add("account_age_under_7_days"); }
            else if (age is { } b && b < TimeSpan.FromDays(30))
            {
                if (author.FollowersCount is < 10) { source = CapAt(source, 'D'); reasons.Add("new_account_few_followers"); }
                else if (source is 'A' or 'B') { source = 'C'; reasons.Add("account_age_under_30_days"); }
            }
            if (author.IsBot == true) { source = CapAt(source, 'D'); reasons.Add("automated_account"); }
        }

        // ---- Information credibility ----
        var value = text.Value.AsSpan();
        int credibility = 6;
        bool repost = post.IsRepost;
        bool topical = glossary.Categories.Count > 0;
        if (account is { Kind: AccountKinds.Official } && !repost)
        {
            credibility = 1;
            reasons.Add(denial.IsDenial ? $"official_denial:{denial.DenialMarker}" : "official_own_announcement");
        }
        else
        {
            string? firstHand = FirstHandMarkers.Find(value);
            bool place = location is { Level: not LocationLevels.Prefecture } || AddressCues.Contains(value);
            if (firstHand is not null && place && topical)
            {
                credibility = 3;
                reasons.Add($"first_hand_and_specific:{firstHand}");
                if (post.Media.Any(m => m.Type is "image" or "video")) { credibility = 2; reasons.Add("photo_or_video_attached"); }
                else if (post.Geo is { Kind: "exact" }) { credibility = 2; reasons.Add("exact_geotag"); }
            }
            if (topical && OfficialLink(post.Urls) is { } host)
            {
                credibility = Math.Min(credibility, 2);
                reasons.Add($"links_official_source:{host}");
            }
            if (QuestionMarkers.Find(value) is { } q && credibility < 3) { credibility = 3; reasons.Add($"question:{q}"); }
            if (denial.IsDenial) reasons.Add($"denial_or_correction:{denial.DenialMarker}");
            else if (denial.ContradictionMarker is { } contra) reasons.Add($"contradiction:{contra}");
        }
        // A denial quotes the rumour's wording (「〜らしいという噂はデマです」): that is not hedging.
        if (!denial.IsDenial && HedgeMarkers.Find(value) is { } hedge)
        {
            if (credibility < 4 || (credibility == 6 && topical)) credibility = 4;
            reasons.Add($"hedged_or_hearsay:{hedge}");
        }
        if (repost)
        {
            if (credibility < 4) credibility = 4;
            reasons.Add("repost_not_independent");
        }
        if (denial.HoaxPattern is { } hoax)
        {
            credibility = 5;
            reasons.Add($"known_hoax_pattern:{hoax}");
        }
        else if (RetrospectiveMarkers.Find(value) is { } past)
        {
            credibility = 5;
            reasons.Add($"retrospective:{past}");
        }
        if (glossary.ExcludedBy is { } excluded) reasons.Add($"excluded_by:{excluded}");

        double followersNudge = author.FollowersCount is >= 1000 && !allowlisted ? 0.02 : 0;
        return new ReliabilityGrade(source.ToString(), credibility, Score(source, credibility, followersNudge), reasons);
    }

    /// <summary>The 0–1 score for sorting and thresholds: both axes weigh equally, and both stay
    /// visible next to it (§A hint: never rank by a single number alone).</summary>
    public static double Score(char source, int credibility, double nudge = 0) =>
        Math.Round(Math.Clamp(0.5 * SourceScore(source) + 0.5 * CredibilityScore(credibility) + nudge, 0, 1), 2);

    // Caps treat F ("cannot be judged") as no better than the cap: a brand-new unknown account is D.
    private static char CapAt(char grade, char cap) => grade == 'F' || grade < cap ? cap : grade;

    private static double SourceScore(char g) => g switch { 'A' => 1.0, 'B' => 0.8, 'C' => 0.6, 'D' => 0.35, 'E' => 0.1, _ => 0.3 };
    // "Doubtful" (4) ranks below "cannot be judged yet" (6): 4 is negative evidence, 6 none.
    private static double CredibilityScore(int c) => c switch { 1 => 1.0, 2 => 0.8, 3 => 0.6, 4 => 0.25, 5 => 0.1, _ => 0.3 };

    /// <summary>Whole labels only: "city.kumamoto.lg.jp" is official, "fakelg.jp" is not.</summary>
    private static bool IsOfficialDomain(string? host) =>
        host is not null && Array.Exists(OfficialDomains, d =>
            host.Equals(d, StringComparison.OrdinalIgnoreCase)
            || (host.EndsWith(d, StringComparison.OrdinalIgnoreCase) && host[^(d.Length + 1)] == '.'));

    /// <summary>The host of the first https link to an official domain (go.jp, lg.jp, utilities, rail), or null.</summary>
    internal static string? OfficialLink(IReadOnlyList<string> urls)
    {
        foreach (var url in urls)
            if (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" && IsOfficialDomain(u.Host))
                return u.Host;
        return null;
    }
}
