using System.Globalization;
using System.Text.Json;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Sources.Misskey;

/// <summary>A Misskey note (protocols.md §4.4, §6) to the normalised post. Source "misskey", id
/// the note's ActivityPub uri (local notes: https://host/notes/id), so a federated note seen on
/// two servers is one post. Misskey declares no language: it is guessed from the script.</summary>
public static class MisskeyNoteMapper
{
    public const string SourceName = "misskey";

    public static Post? Map(JsonElement n, string host, DateTimeOffset receivedAt, out string? error)
    {
        error = null;
        if (n.ValueKind != JsonValueKind.Object || Str(n, "id") is not { } id) { error = "missing note id"; return null; }
        if (Str(n, "createdAt") is not { } c || !DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        { error = "missing or invalid createdAt"; return null; }
        var user = n.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var userId = Str(n, "userId") ?? (user.ValueKind == JsonValueKind.Object ? Str(user, "id") : null);
        if (userId is null) { error = "missing userId"; return null; }
        var userHost = user.ValueKind == JsonValueKind.Object ? Str(user, "host") ?? host : host;
        var username = user.ValueKind == JsonValueKind.Object ? Str(user, "username") : null;

        var text = Str(n, "text") ?? "";
        var cw = Str(n, "cw") is { Length: > 0 } cwText ? cwText : null;
        var media = new List<PostMedia>();
        if (n.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array)
            foreach (var f in files.EnumerateArray())
                if (f.ValueKind == JsonValueKind.Object)
                {
                    var type = Str(f, "type") ?? "";
                    media.Add(new PostMedia
                    {
                        Type = type.StartsWith("image/") ? "image" : type.StartsWith("video/") ? "video" : type.StartsWith("audio/") ? "audio" : "other",
                        Url = Str(f, "url"), PreviewUrl = Str(f, "thumbnailUrl"), AltText = Str(f, "comment"),
                    });
                }
        var renoteId = Str(n, "renoteId");
        var hasPoll = n.TryGetProperty("poll", out var poll) && poll.ValueKind == JsonValueKind.Object;
        var isPlainRenote = renoteId is not null && text.Length == 0 && media.Count == 0 && !hasPoll;
        var replyId = Str(n, "replyId");
        var tags = new List<string>();
        if (n.TryGetProperty("tags", out var ts) && ts.ValueKind == JsonValueKind.Array)
            foreach (var t in ts.EnumerateArray()) if (t.ValueKind == JsonValueKind.String) tags.Add(t.GetString()!);

        if (isPlainRenote && n.TryGetProperty("renote", out var renote) && renote.ValueKind == JsonValueKind.Object
            && Map(renote, host, receivedAt, out _) is { } original)
            text = original.Text;
        if (text.Length == 0 && media.Count == 0) { error = "empty note"; return null; }

        var guess = ScriptLanguageGuesser.Guess(text);
        return new Post
        {
            Source = SourceName,
            SourcePostId = Str(n, "uri") ?? $"https://{host}/notes/{id}",
            Text = cw is null ? text : $"[CW: {cw}] {text}",
            ContentWarning = cw,
            CreatedAt = created,
            ReceivedAt = receivedAt,
            Url = Str(n, "url") ?? Str(n, "uri") ?? $"https://{host}/notes/{id}",
            Lang = guess == ScriptLanguageGuesser.Undetermined ? null : guess,
            Kind = isPlainRenote ? PostKinds.Repost : renoteId is not null ? PostKinds.Quote : replyId is not null ? PostKinds.Reply : PostKinds.Original,
            RepostOfId = isPlainRenote ? $"https://{host}/notes/{renoteId}" : null,
            QuoteOfId = !isPlainRenote && renoteId is not null ? $"https://{host}/notes/{renoteId}" : null,
            ReplyToId = replyId is null ? null : $"https://{host}/notes/{replyId}",
            Author = new PostAuthor
            {
                Id = userHost + "/" + userId,
                Handle = username is null ? null : $"@{username}@{userHost}",
                DisplayName = user.ValueKind == JsonValueKind.Object ? Str(user, "name") : null,
                ProfileUrl = username is null ? null : $"https://{userHost}/@{username}",
                IsBot = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("isBot", out var b) && b.ValueKind == JsonValueKind.True,
            },
            Media = media,
            Hashtags = tags,
            Raw = n.Clone(),
        };
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
