using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SnsDashboard.Sources.Mastodon;

/// <summary>
/// Mastodon's status HTML (<c>&lt;p&gt;</c>, <c>&lt;br&gt;</c>, links, hashtag and mention anchors)
/// to plain text. Tags are removed, entities decoded, paragraphs become blank lines; link targets
/// (not hashtag/mention links) are returned separately. The output is text, never markup: what
/// the UI shows is escaped there like any other post text.
/// </summary>
public static partial class HtmlText
{
    [GeneratedRegex(@"<a\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Anchor();
    [GeneratedRegex(@"href\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
    [GeneratedRegex(@"class\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Class();
    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Break();
    [GeneratedRegex(@"</p>\s*<p[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Paragraph();
    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    public static string ToPlainText(string? html, List<string>? links = null)
    {
        if (string.IsNullOrEmpty(html)) return "";
        if (links is not null)
            foreach (Match a in Anchor().Matches(html))
            {
                var cls = Class().Match(a.Value) is { Success: true } c ? c.Groups[1].Value : "";
                if (cls.Contains("mention", StringComparison.Ordinal) || cls.Contains("hashtag", StringComparison.Ordinal)) continue;
                if (Href().Match(a.Value) is { Success: true } h)
                {
                    var url = WebUtility.HtmlDecode(h.Groups[1].Value);
                    if (url.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !links.Contains(url)) links.Add(url);
                }
            }
        var s = Break().Replace(html, "\n");
        s = Paragraph().Replace(s, "\n\n");
        s = AnyTag().Replace(s, "");
        s = WebUtility.HtmlDecode(s);
        return s.Trim();
    }
}
