using System.Globalization;
using System.Text.Json;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.X;

/// <summary>One filtered-stream message (protocols.md §1.4, §6) to a post. Accepts both the
/// documented field names (referenced_tweets, tweet_count) and the 2026 OpenAPI ones
/// (referenced_posts, post_count).</summary>
public static class XPostMapper
{
    public const string SourceName = "x";

    public static Post? Map(JsonElement root, DateTimeOffset receivedAt, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("data", out var d) || d.ValueKind != JsonValueKind.Object || Str(d, "id") is not { } id)
        { error = "missing data.id"; return null; }
        var includes = root.TryGetProperty("includes", out var inc) && inc.ValueKind == JsonValueKind.Object ? inc : default;
        var authorId = Str(d, "author_id");
        if (authorId is null) { error = "missing data.author_id (expansions not sent?)"; return null; }
        var created = Str(d, "created_at") is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ca) ? ca : receivedAt;
        var text = d.TryGetProperty("note_tweet", out var nt) && nt.ValueKind == JsonValueKind.Object && Str(nt, "text") is { } longText ? longText : Str(d, "text") ?? "";

        var user = Find(includes, "users", "id", authorId);
        var metrics = user is { } u && u.TryGetProperty("public_metrics", out var pm) && pm.ValueKind == JsonValueKind.Object ? pm : default;

        string? replyTo = null, repostOf = null, quoteOf = null;
        foreach (var name in new[] { "referenced_tweets", "referenced_posts" })
            if (d.TryGetProperty(name, out var refs) && refs.ValueKind == JsonValueKind.Array)
                foreach (var r in refs.EnumerateArray())
                    switch (Str(r, "type"))
                    {
                        case "replied_to": replyTo = Str(r, "id"); break;
                        case "retweeted" or "reposted": repostOf = Str(r, "id"); break;
                        case "quoted": quoteOf = Str(r, "id"); break;
                    }

        PostGeo? geo = null;
        PostPlace? place = null;
        if (d.TryGetProperty("geo", out var g) && g.ValueKind == JsonValueKind.Object)
        {
            if (g.TryGetProperty("coordinates", out var co) && co.ValueKind == JsonValueKind.Object && co.TryGetProperty("coordinates", out var xy)
                && xy.ValueKind == JsonValueKind.Array && xy.GetArrayLength() == 2 && xy[0].TryGetDouble(out var lon) && xy[1].TryGetDouble(out var lat)
                && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180)
                geo = new PostGeo { Lat = lat, Lon = lon, Kind = "exact" };
            if (Str(g, "place_id") is { } placeId && Find(includes, "places", "id", placeId) is { } p)
            {
                double[]? bbox = null;
                if (p.TryGetProperty("geo", out var pg) && pg.ValueKind == JsonValueKind.Object && pg.TryGetProperty("bbox", out var bb)
                    && bb.ValueKind == JsonValueKind.Array && bb.GetArrayLength() == 4)
                    bbox = bb.EnumerateArray().Select(v => v.TryGetDouble(out var x) ? x : double.NaN).ToArray();
                if (bbox is not null && bbox.Any(double.IsNaN)) bbox = null;
                place = new PostPlace { Name = Str(p, "name"), FullName = Str(p, "full_name"), CountryCode = Str(p, "country_code"), Bbox = bbox };
                if (geo is null && bbox is not null)
                    geo = new PostGeo { Lat = (bbox[1] + bbox[3]) / 2, Lon = (bbox[0] + bbox[2]) / 2, Kind = "place",
                        AccuracyM = Math.Max(bbox[3] - bbox[1], bbox[2] - bbox[0]) * 111_000 / 2 };
            }
        }

        var media = new List<PostMedia>();
        if (d.TryGetProperty("attachments", out var att) && att.ValueKind == JsonValueKind.Object && att.TryGetProperty("media_keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            foreach (var k in keys.EnumerateArray())
                if (k.GetString() is { } key && Find(includes, "media", "media_key", key) is { } m)
                    media.Add(new PostMedia
                    {
                        Type = Str(m, "type") switch { "photo" => "image", "video" or "animated_gif" => "video", _ => "other" },
                        Url = Str(m, "url"), PreviewUrl = Str(m, "preview_image_url"), AltText = Str(m, "alt_text"),
                        Width = Int(m, "width"), Height = Int(m, "height"),
                    });

        var hashtags = new List<string>();
        var urls = new List<string>();
        var mentions = new List<string>();
        if (d.TryGetProperty("entities", out var ent) && ent.ValueKind == JsonValueKind.Object)
        {
            Collect(ent, "hashtags", "tag", hashtags);
            Collect(ent, "urls", "expanded_url", urls);
            Collect(ent, "mentions", "username", mentions);
        }
        var matched = new List<string>();
        if (root.TryGetProperty("matching_rules", out var mr) && mr.ValueKind == JsonValueKind.Array)
            foreach (var r in mr.EnumerateArray()) if (Str(r, "tag") is { Length: > 0 } tag) matched.Add(tag);

        string? username = user is { } uu ? Str(uu, "username") : null;
        var verifiedType = user is { } uv ? Str(uv, "verified_type") : null;
        return new Post
        {
            Source = SourceName,
            SourcePostId = id,
            Text = text,
            CreatedAt = created,
            ReceivedAt = receivedAt,
            Url = $"https://x.com/{username ?? "i/web"}/status/{id}",
            Lang = Str(d, "lang") is { } l && l != "und" && l != "qme" ? l : null,
            Kind = repostOf is not null ? PostKinds.Repost : quoteOf is not null ? PostKinds.Quote : replyTo is not null ? PostKinds.Reply : PostKinds.Original,
            ReplyToId = replyTo, RepostOfId = repostOf, QuoteOfId = quoteOf,
            Sensitive = d.TryGetProperty("possibly_sensitive", out var ps) && ps.ValueKind == JsonValueKind.True,
            Geo = geo,
            Place = place,
            Media = media,
            Urls = urls,
            Hashtags = hashtags,
            Mentions = mentions,
            Matched = matched,
            Author = new PostAuthor
            {
                Id = authorId,
                Handle = username,
                DisplayName = user is { } un ? Str(un, "name") : null,
                ProfileUrl = username is null ? null : "https://x.com/" + username,
                FollowersCount = Int(metrics, "followers_count"),
                FollowingCount = Int(metrics, "following_count"),
                PostsCount = Int(metrics, "tweet_count") ?? Int(metrics, "post_count"),
                AccountCreatedAt = user is { } uc && Str(uc, "created_at") is { } ac && DateTimeOffset.TryParse(ac, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var acd) ? acd : null,
                Verified = user is { } vv && vv.TryGetProperty("verified", out var ve) ? ve.ValueKind == JsonValueKind.True : null,
                VerifiedKind = verifiedType switch { "government" => "government", "business" => "business", "blue" => "paid", "none" => "none", _ => null },
                ProfileLocationText = user is { } ul ? Str(ul, "location") : null,
            },
            Raw = root.Clone(),
        };
    }

    private static JsonElement? Find(JsonElement includes, string array, string key, string value)
    {
        if (includes.ValueKind != JsonValueKind.Object || !includes.TryGetProperty(array, out var items) || items.ValueKind != JsonValueKind.Array) return null;
        foreach (var item in items.EnumerateArray())
            if (Str(item, key) == value) return item;
        return null;
    }

    private static void Collect(JsonElement entities, string array, string field, List<string> into)
    {
        if (entities.TryGetProperty(array, out var items) && items.ValueKind == JsonValueKind.Array)
            foreach (var item in items.EnumerateArray()) if (Str(item, field) is { Length: > 0 } v) into.Add(v);
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
