using System.Text.Json;

namespace SnsDashboard.Core.Posts;

/// <summary>
/// The normalised post, schema "1" (protocols.md §5.2). Every source maps to this shape; the
/// webhook, replay files and the <c>analyze</c> command read it. Immutable.
/// </summary>
public sealed record Post
{
    public const string CurrentSchemaVersion = "1";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string Source { get; init; }
    public required string SourcePostId { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required PostAuthor Author { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }
    public string? Url { get; init; }
    public string? Lang { get; init; }
    /// <summary>original | reply | repost | quote</summary>
    public string? Kind { get; init; }
    public string? ReplyToId { get; init; }
    public string? RepostOfId { get; init; }
    public string? QuoteOfId { get; init; }
    public string? ContentWarning { get; init; }
    public bool Sensitive { get; init; }
    public PostGeo? Geo { get; init; }
    public PostPlace? Place { get; init; }
    public IReadOnlyList<PostMedia> Media { get; init; } = [];
    public IReadOnlyList<string> Urls { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public IReadOnlyList<string> Matched { get; init; } = [];
    public DateTimeOffset? EditedAt { get; init; }
    /// <summary>Untouched original payload; stored, never indexed.</summary>
    public JsonElement? Raw { get; init; }

    public PostKey Key => new(Source, SourcePostId);
    public bool IsRepost => Kind == PostKinds.Repost;
}

public static class PostKinds
{
    public const string Original = "original";
    public const string Reply = "reply";
    public const string Repost = "repost";
    public const string Quote = "quote";
}

/// <summary>The idempotency key of a post: (source, source_post_id).</summary>
public readonly record struct PostKey(string Source, string SourcePostId)
{
    public override string ToString() => $"{Source}/{SourcePostId}";
}

public sealed record PostAuthor
{
    public required string Id { get; init; }
    public string? Handle { get; init; }
    public string? DisplayName { get; init; }
    public string? ProfileUrl { get; init; }
    public int? FollowersCount { get; init; }
    public int? FollowingCount { get; init; }
    public int? PostsCount { get; init; }
    public DateTimeOffset? AccountCreatedAt { get; init; }
    public bool? IsBot { get; init; }
    public bool? Verified { get; init; }
    /// <summary>government | business | paid | domain | link | none</summary>
    public string? VerifiedKind { get; init; }
    public string? RegisteredReporterId { get; init; }
    public string? ProfileLocationText { get; init; }
}

public sealed record PostGeo
{
    public required double Lat { get; init; }
    public required double Lon { get; init; }
    public double? AccuracyM { get; init; }
    /// <summary>exact | place | text-extracted | profile</summary>
    public string? Kind { get; init; }
}

public sealed record PostPlace
{
    public string? Name { get; init; }
    public string? FullName { get; init; }
    public string? CountryCode { get; init; }
    /// <summary>[west, south, east, north]</summary>
    public IReadOnlyList<double>? Bbox { get; init; }
}

public sealed record PostMedia
{
    /// <summary>image | video | audio | other</summary>
    public string? Type { get; init; }
    public string? Url { get; init; }
    public string? PreviewUrl { get; init; }
    public string? AltText { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
}
