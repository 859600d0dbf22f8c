using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Reliability;

/// <summary>Grades a post on two axes (source A–F, credibility 1–6) with reasons (pure).</summary>
/// <remarks>
/// Source (reliability-and-glossary.md §A.3): allowlisted official account → A; registered media →
/// B; X government/business verification or an official-domain handle, not allowlisted → B at most;
/// registered reporter → C (B with ≥5 confirmed and no refuted reports); anything else → F. Then caps
/// for accounts not on the allowlist: younger than 7 days → D, younger than 30 days → C at most,
/// fewer than 10 followers and younger than 30 days → D, automated → D.
/// Credibility (§A.4, the per-post part): starts at 6; first-hand and specific → 3; plus an
/// attached photo/video or an exact geotag → 2; an allowlisted official's own post → 1. Caps:
/// questions stay at 3 or 6; hedged or hearsay wording, 拡散希望 and reposts → 4; retrospective or
/// known hoax patterns → 5. Corroboration across posts (→ 2/1) and denials are not per-post and are
/// applied later by the claims stage. Reasons are stable English codes, one per signal.
/// </remarks>
public static class ReliabilityGrader
{
    private static readonly string[] FirstHandMarkers = N(
        "目の前", "うちの", "自宅", "近所", "窓から", "撮影", "今", "私", "僕", "俺", "家の前", "家が", "うちも", "ウチ",
        "#救助", "#減災リポート", "ています", "てます");
    private static readonly string[] AddressCues = N("丁目", "番地", "交差点", "駅前", "付近", "小学校", "中学校", "公民館", "役場");
    private static readonly string[] HedgeMarkers = N(
        "みたい", "らしい", "と聞いた", "って聞いた", "だそう", "噂", "うわさ", "未確認", "拡散希望", "拡散お願い", "かもしれない", "本当?", "ほんと?");
    private static readonly string[] QuestionMarkers = N("?", "ですか", "ますか", "でしょうか");
    private static readonly string[] ImplausibleMarkers = N("年前の今日", "周年", "震災から", "ライオンが逃げ", "ライオン逃げ");
    private static readonly string[] OfficialDomains = [".go.jp", ".lg.jp"];

    public static ReliabilityGrade Grade(Post post, NormalisedText text, GlossaryResult glossary, PostLocation? location,
        AccountRegistry registry, DateTimeOffset now)
    {
        var reasons = new List<string>(6);
        var author = post.Author;
        var account = registry.Find(post.Source, author.Id);
        bool allowlisted = account is { Kind: AccountKinds.Official or AccountKinds.Media };

        // ---- Source reliability ----
        char source;
        if (account is { Kind: AccountKinds.Official }) { source = 'A'; reasons.Add($"official_account:{account.Name}"); }
        else if (account is { Kind: AccountKinds.Media }) { source = 'B'; reasons.Add($"media_account:{account.Name}"); }
        else if (author.VerifiedKind is "government" or "business") { source = 'B'; reasons.Add($"verified_{author.VerifiedKind}_not_allowlisted"); }
        else if (author.VerifiedKind is "domain" or "link" && IsOfficialDomain(author.Handle)) { source = 'B'; reasons.Add("official_domain_not_allowlisted"); }
        else if (account is { Kind: AccountKinds.Reporter })
        {
            bool track = account.ConfirmedReports >= 5 && account.RefutedReports == 0;
            source = track ? 'B' : 'C';
            reasons.Add($"registered_reporter:{account.Name}:{account.ConfirmedReports}_confirmed");
        }
        else if (!string.IsNullOrEmpty(author.RegisteredReporterId)) { source = 'C'; reasons.Add($"registered_reporter:{author.RegisteredReporterId}"); }
        else { source = 'F'; reasons.Add("unknown_account"); }

        if (!allowlisted)
        {
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
        if (account is { Kind: AccountKinds.Official } && !repost)
        {
            credibility = 1;
            reasons.Add("official_own_announcement");
        }
        else
        {
            string? firstHand = FindAny(value, FirstHandMarkers);
            bool place = location is { Level: not LocationLevels.Prefecture } || FindAny(value, AddressCues) is not null;
            bool what = glossary.Categories.Count > 0;
            if (firstHand is not null && place && what)
            {
                credibility = 3;
                reasons.Add($"first_hand_and_specific:{firstHand}");
                if (post.Media.Any(m => m.Type is "image" or "video")) { credibility = 2; reasons.Add("photo_or_video_attached"); }
                else if (post.Geo is { Kind: "exact" }) { credibility = 2; reasons.Add("exact_geotag"); }
            }
            if (FindAny(value, QuestionMarkers) is { } q && credibility < 3) { credibility = 3; reasons.Add($"question:{q}"); }
        }
        if (FindAny(value, HedgeMarkers) is { } hedge)
        {
            if (credibility < 4 || (credibility == 6 && glossary.Categories.Count > 0)) credibility = 4;
            reasons.Add($"hedged_or_hearsay:{hedge}");
        }
        if (repost)
        {
            if (credibility < 4) credibility = 4;
            reasons.Add("repost_not_independent");
        }
        if (FindAny(value, ImplausibleMarkers) is { } past)
        {
            credibility = 5;
            reasons.Add($"retrospective_or_hoax_pattern:{past}");
        }
        if (glossary.ExcludedBy is { } excluded) reasons.Add($"excluded_by:{excluded}");

        double score = Math.Round(0.5 * SourceScore(source) + 0.5 * CredibilityScore(credibility), 2);
        return new ReliabilityGrade(source.ToString(), credibility, score, reasons);
    }

    // Caps treat F ("cannot be judged") as no better than the cap: a brand-new unknown account is D.
    private static char CapAt(char grade, char cap) => grade == 'F' || grade < cap ? cap : grade;

    private static double SourceScore(char g) => g switch { 'A' => 1.0, 'B' => 0.8, 'C' => 0.6, 'D' => 0.35, 'E' => 0.1, _ => 0.3 };
    private static double CredibilityScore(int c) => c switch { 1 => 1.0, 2 => 0.8, 3 => 0.6, 4 => 0.35, 5 => 0.1, _ => 0.3 };

    private static bool IsOfficialDomain(string? handle) =>
        handle is not null && Array.Exists(OfficialDomains, d => handle.EndsWith(d, StringComparison.OrdinalIgnoreCase));

    private static string? FindAny(ReadOnlySpan<char> value, string[] markers)
    {
        foreach (var m in markers)
            if (value.Contains(m, StringComparison.Ordinal)) return m;
        return null;
    }

    private static string[] N(params string[] markers) => Array.ConvertAll(markers, TextNormaliser.NormaliseTerm);
}
