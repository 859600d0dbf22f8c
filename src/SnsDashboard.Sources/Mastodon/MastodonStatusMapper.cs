using System.Globalization;
using System.Text.Json;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Sources.Mastodon;

/// <summary>
/// A Mastodon Status entity (protocols.md §2.4, §6) to the normalised post. The post's source is
/// "mastodon" and its id the status <c>uri</c> (ActivityPub id, globally unique), so the same
/// federated status seen through two servers is one post.
/// </summary>
public static class MastodonStatusMapper
{
    public const string SourceName = "mastodon";

    /// <summary>Null with a reason when the status cannot be used.</summary>
    public static Post? Map(JsonElement s, string host, DateTimeOffset receivedAt, out string? serverId, out string? error)
    {
        serverId = Str(s, "id");
        error = null;
        if (s.ValueKind != JsonValueKind.Object) { error = "status is not an object"; return null; }
        if (string.IsNullOrEmpty(serverId)) { error = "missing id"; return null; }
        if (s.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object)
        {
            // Boosts are not on public streams; if a server sends one, it is amplification only.
            var inner = Map(reblog, host, receivedAt, out _, out error);
            if (inner is null) return null;
            return inner with { SourcePostId = Str(s, "uri") ?? $"https://{host}/statuses/{serverId}", Kind = PostKinds.Repost, RepostOfId = inner.SourcePostId };
        }
        if (!s.TryGetProperty("account", out var account) || account.ValueKind != JsonValueKind.Object || Str(account, "id") is not { } accountId)
        { error = "missing account.id"; return null; }
        if (Str(s, "created_at") is not { } c || !DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        { error = "missing or invalid created_at"; return null; }

        var links = new List<string>();
        var text = HtmlText.ToPlainText(Str(s, "content"), links);
        var cw = Str(s, "spoiler_text") is { Length: > 0 } sp ? sp : null;
        if (s.TryGetProperty("card", out var card) && card.ValueKind == JsonValueKind.Object && Str(card, "url") is { } cardUrl && !links.Contains(cardUrl)) links.Add(cardUrl);

        var media = new List<PostMedia>();
        if (s.TryGetProperty("media_attachments", out var atts) && atts.ValueKind == JsonValueKind.Array)
            foreach (var m in atts.EnumerateArray())
                if (m.ValueKind == JsonValueKind.Object)
                    media.Add(new PostMedia
                    {
                        Type = Str(m, "type") switch { "image" or "gifv" => "image", "video" => "video", "audio" => "audio", _ => "other" },
                        Url = Str(m, "url") ?? Str(m, "remote_url"),
                        PreviewUrl = Str(m, "preview_url"),
                        AltText = Str(m, "description"),
                    });
        var tags = new List<string>();
        if (s.TryGetProperty("tags", out var ts) && ts.ValueKind == JsonValueKind.Array)
            foreach (var t in ts.EnumerateArray()) if (Str(t, "name") is { } n) tags.Add(n);
        var mentions = new List<string>();
        if (s.TryGetProperty("mentions", out var ms) && ms.ValueKind == JsonValueKind.Array)
            foreach (var m in ms.EnumerateArray()) if (Str(m, "acct") is { } a) mentions.Add(a);

        string? quoteOf = null;
        if (s.TryGetProperty("quote", out var quote) && quote.ValueKind == JsonValueKind.Object && Str(quote, "state") == "accepted")
            quoteOf = quote.TryGetProperty("quoted_status", out var qs) && qs.ValueKind == JsonValueKind.Object ? Str(qs, "uri") : Str(quote, "quoted_status_id");
        var replyTo = Str(s, "in_reply_to_id");

        var acct = Str(account, "acct") ?? Str(account, "username") ?? accountId;
        var handle = acct.Contains('@') ? acct : acct + "@" + host;
        var verified = account.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
            && fields.EnumerateArray().Any(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("verified_at", out var va) && va.ValueKind == JsonValueKind.String);
        var lang = Str(s, "language");
        if (string.IsNullOrEmpty(lang)) lang = ScriptLanguageGuesser.Guess(text) is var g && g != ScriptLanguageGuesser.Undetermined ? g : null;

        if (text.Length == 0 && media.Count == 0) { error = "empty status"; return null; }
        return new Post
        {
            Source = SourceName,
            SourcePostId = Str(s, "uri") ?? $"https://{host}/statuses/{serverId}",
            Text = cw is null ? text : $"[CW: {cw}] {text}",
            CreatedAt = created,
            ReceivedAt = receivedAt,
            Url = Str(s, "url"),
            Lang = lang,
            Kind = replyTo is not null ? PostKinds.Reply : quoteOf is not null ? PostKinds.Quote : PostKinds.Original,
            ReplyToId = replyTo,
            QuoteOfId = quoteOf,
            ContentWarning = cw,
            Sensitive = s.TryGetProperty("sensitive", out var sens) && sens.ValueKind == JsonValueKind.True,
            Author = new PostAuthor
            {
                Id = Str(account, "uri") ?? Str(account, "url") ?? $"{host}/{accountId}",
                Handle = handle,
                DisplayName = Str(account, "display_name") is { Length: > 0 } dn ? dn : null,
                ProfileUrl = Str(account, "url"),
                FollowersCount = Int(account, "followers_count"),
                FollowingCount = Int(account, "following_count"),
                PostsCount = Int(account, "statuses_count"),
                AccountCreatedAt = Str(account, "created_at") is { } ac && DateTimeOffset.TryParse(ac, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var acd) ? acd : null,
                IsBot = account.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True,
                Verified = verified ? true : null,
                VerifiedKind = verified ? "link" : null,
            },
            Media = media,
            Urls = links,
            Hashtags = tags,
            Mentions = mentions,
            EditedAt = Str(s, "edited_at") is { } e && DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ed) ? ed : null,
            Raw = s.Clone(),
        };
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
