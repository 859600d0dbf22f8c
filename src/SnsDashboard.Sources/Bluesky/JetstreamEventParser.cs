using System.Globalization;
using System.Text.Json;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Sources.Bluesky;

/// <summary>
/// Maps one Jetstream v1 event (protocols.md §3.4, §6) to a post, a deletion or an account
/// signal. Tolerant: unknown kinds and collections are dropped, missing optional fields are
/// skipped, and anything malformed is a reject with a reason — never an exception.
/// </summary>
public sealed class JetstreamEventParser(IReadOnlyCollection<string> languages)
{
    public const string SourceName = "bluesky";
    public const string PostCollection = "app.bsky.feed.post";
    private static readonly JsonDocumentOptions DocOptions = new() { MaxDepth = 48 };

    public JetstreamEvent Parse(ReadOnlyMemory<byte> utf8, DateTimeOffset receivedAt)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(utf8, DocOptions); }
        catch (JsonException e) { return JetstreamEvent.Reject(0, "malformed: " + Short(e.Message)); }
        using (doc)
        {
            try { return Map(doc.RootElement, receivedAt); }
            catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException)
            {
                return JetstreamEvent.Reject(0, "invalid field: " + Short(e.Message));
            }
        }
    }

    private JetstreamEvent Map(JsonElement root, DateTimeOffset receivedAt)
    {
        if (root.ValueKind != JsonValueKind.Object) return JetstreamEvent.Reject(0, "not a JSON object");
        var timeUs = root.TryGetProperty("time_us", out var t) && t.TryGetInt64(out var tu) ? tu : 0;
        var did = Str(root, "did");
        if (string.IsNullOrEmpty(did)) return JetstreamEvent.Reject(timeUs, "missing did");
        var kind = Str(root, "kind");
        switch (kind)
        {
            case "identity":
                return new JetstreamEvent(JetstreamEventKind.Identity, timeUs, Did: did);
            case "account":
                var active = root.TryGetProperty("account", out var acc) && acc.TryGetProperty("active", out var a) && a.ValueKind == JsonValueKind.True;
                return new JetstreamEvent(JetstreamEventKind.Account, timeUs, Did: did, Reason: active ? null : Str(acc, "status") ?? "inactive");
            case "commit":
                break;
            default:
                return JetstreamEvent.Drop(timeUs, "unknown_event");
        }
        if (!root.TryGetProperty("commit", out var commit) || commit.ValueKind != JsonValueKind.Object)
            return JetstreamEvent.Reject(timeUs, "commit event without commit");
        if (Str(commit, "collection") != PostCollection) return JetstreamEvent.Drop(timeUs, "other_collection");
        var rkey = Str(commit, "rkey");
        if (string.IsNullOrEmpty(rkey)) return JetstreamEvent.Reject(timeUs, "missing commit.rkey");
        var key = new PostKey(SourceName, did + "/" + rkey);
        var operation = Str(commit, "operation");
        if (operation == "delete") return new JetstreamEvent(JetstreamEventKind.Delete, timeUs, Key: key, Did: did);
        if (operation is not ("create" or "update")) return JetstreamEvent.Drop(timeUs, "unknown_operation");
        if (!commit.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
            return JetstreamEvent.Reject(timeUs, "missing commit.record");

        var text = Str(record, "text") ?? "";
        string? lang = null;
        if (record.TryGetProperty("langs", out var langs) && langs.ValueKind == JsonValueKind.Array)
            foreach (var l in langs.EnumerateArray())
                if (l.ValueKind == JsonValueKind.String) { lang ??= l.GetString(); if (ScriptLanguageGuesser.Matches(l.GetString(), languages)) { lang = l.GetString(); break; } }
        var langGuessed = false;
        if (lang is null) { lang = ScriptLanguageGuesser.Guess(text); langGuessed = true; }
        if (!ScriptLanguageGuesser.Matches(lang, languages)) return JetstreamEvent.Drop(timeUs, "filtered_language");

        var indexed = timeUs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000) : receivedAt;
        // createdAt is client-supplied and can be wrong; fall back to Jetstream's own time.
        var created = Str(record, "createdAt") is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ca) ? ca : indexed;

        var media = new List<PostMedia>();
        var urls = new List<string>();
        var hashtags = new List<string>();
        var mentions = new List<string>();
        string? quoteOf = null;
        if (record.TryGetProperty("embed", out var embed) && embed.ValueKind == JsonValueKind.Object)
            ReadEmbed(embed, did, media, urls, ref quoteOf);
        if (record.TryGetProperty("facets", out var facets) && facets.ValueKind == JsonValueKind.Array)
            foreach (var facet in facets.EnumerateArray())
                if (facet.ValueKind == JsonValueKind.Object && facet.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array)
                    foreach (var f in features.EnumerateArray())
                    {
                        switch (Str(f, "$type"))
                        {
                            case "app.bsky.richtext.facet#tag" when Str(f, "tag") is { } tag: hashtags.Add(tag); break;
                            case "app.bsky.richtext.facet#link" when Str(f, "uri") is { } uri: urls.Add(uri); break;
                            case "app.bsky.richtext.facet#mention" when Str(f, "did") is { } m: mentions.Add(m); break;
                        }
                    }
        if (record.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
            foreach (var tag in tags.EnumerateArray())
                if (tag.ValueKind == JsonValueKind.String && tag.GetString() is { Length: > 0 } s && !hashtags.Contains(s)) hashtags.Add(s);

        string? replyTo = null;
        if (record.TryGetProperty("reply", out var reply) && reply.ValueKind == JsonValueKind.Object
            && reply.TryGetProperty("parent", out var parent) && parent.ValueKind == JsonValueKind.Object)
            replyTo = PostIdFromAtUri(Str(parent, "uri"));

        if (text.Length == 0 && media.Count == 0) return JetstreamEvent.Drop(timeUs, "empty_post");
        var post = new Post
        {
            Source = SourceName,
            SourcePostId = key.SourcePostId,
            Text = text.Length > PostJson.MaxTextChars ? text[..PostJson.MaxTextChars] : text,
            CreatedAt = created,
            ReceivedAt = indexed,
            Author = new PostAuthor { Id = did, ProfileUrl = "https://bsky.app/profile/" + did },
            Url = $"https://bsky.app/profile/{did}/post/{rkey}",
            Lang = langGuessed && lang == ScriptLanguageGuesser.Undetermined ? null : lang,
            Kind = replyTo is not null ? PostKinds.Reply : quoteOf is not null ? PostKinds.Quote : PostKinds.Original,
            ReplyToId = replyTo,
            QuoteOfId = quoteOf,
            Sensitive = record.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object,
            Media = media,
            Urls = urls,
            Hashtags = hashtags,
            Mentions = mentions,
            EditedAt = operation == "update" ? indexed : null,
            Raw = root.Clone(),
        };
        return new JetstreamEvent(JetstreamEventKind.Post, timeUs, Post: post, Key: key, Did: did);
    }

    private static void ReadEmbed(JsonElement embed, string did, List<PostMedia> media, List<string> urls, ref string? quoteOf)
    {
        switch (Str(embed, "$type"))
        {
            case "app.bsky.embed.images":
                if (embed.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
                    foreach (var img in images.EnumerateArray())
                    {
                        if (img.ValueKind != JsonValueKind.Object) continue;
                        string? cid = img.TryGetProperty("image", out var blob) && blob.ValueKind == JsonValueKind.Object
                            && blob.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.Object ? Str(r, "$link") : null;
                        int? w = null, h = null;
                        if (img.TryGetProperty("aspectRatio", out var ar) && ar.ValueKind == JsonValueKind.Object)
                        {
                            w = Int(ar, "width"); h = Int(ar, "height");
                        }
                        media.Add(new PostMedia
                        {
                            Type = "image",
                            Url = cid is null ? null : $"https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg",
                            AltText = Str(img, "alt") is { Length: > 0 } alt ? alt : null,
                            Width = w, Height = h,
                        });
                    }
                break;
            case "app.bsky.embed.video":
                media.Add(new PostMedia { Type = "video", AltText = Str(embed, "alt") });
                break;
            case "app.bsky.embed.external":
                if (embed.TryGetProperty("external", out var ext) && ext.ValueKind == JsonValueKind.Object && Str(ext, "uri") is { } uri) urls.Add(uri);
                break;
            case "app.bsky.embed.record":
                if (embed.TryGetProperty("record", out var rec) && rec.ValueKind == JsonValueKind.Object) quoteOf = PostIdFromAtUri(Str(rec, "uri"));
                break;
            case "app.bsky.embed.recordWithMedia":
                if (embed.TryGetProperty("record", out var outer) && outer.ValueKind == JsonValueKind.Object
                    && outer.TryGetProperty("record", out var inner) && inner.ValueKind == JsonValueKind.Object)
                    quoteOf = PostIdFromAtUri(Str(inner, "uri"));
                if (embed.TryGetProperty("media", out var m) && m.ValueKind == JsonValueKind.Object)
                {
                    string? ignored = null;
                    ReadEmbed(m, did, media, urls, ref ignored);
                }
                break;
        }
    }

    /// <summary>at://did/app.bsky.feed.post/rkey → did/rkey (our source_post_id).</summary>
    public static string? PostIdFromAtUri(string? uri)
    {
        if (uri is null || !uri.StartsWith("at://", StringComparison.Ordinal)) return null;
        var parts = uri[5..].Split('/');
        return parts.Length == 3 && parts[1] == PostCollection ? parts[0] + "/" + parts[2] : null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static string Short(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
