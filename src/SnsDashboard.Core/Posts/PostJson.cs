using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Posts;

/// <summary>
/// Reads and writes the schema "1" wire format (snake_case JSON). Parsing is a tolerant reader:
/// unknown fields are ignored, but the required fields of protocols.md §5.2 are checked and a
/// failure says which field and why, so the sender can act on it.
/// </summary>
public static partial class PostJson
{
    /// <summary>Lines longer than this are refused before parsing (hostile or broken input).</summary>
    public const int MaxLineChars = 256 * 1024;
    public const int MaxTextChars = 20_000;

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = false,
            // Post.Key and Post.IsRepost are computed conveniences, not schema "1" fields: never write them.
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { RemoveComputedPostProperties },
            },
        };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    private static void RemoveComputedPostProperties(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (info.Type != typeof(Post)) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Name is "key" or "is_repost") info.Properties.RemoveAt(i);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^[a-z0-9_.:\-]{1,64}$")]
    private static partial Regex SourceName();

    /// <summary>Parses one JSON object. On success the object itself is returned too, so callers
    /// can echo the input unchanged (the analyze command does).</summary>
    public static PostParseResult Parse(string json)
    {
        if (json.Length > MaxLineChars) return PostParseResult.Fail($"line too long ({json.Length} chars, max {MaxLineChars})");
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException e) { return PostParseResult.Fail($"malformed JSON: {e.Message}"); }
        if (node is not JsonObject obj) return PostParseResult.Fail("not a JSON object");
        return Parse(obj);
    }

    public static PostParseResult Parse(JsonObject obj)
    {
        string? version = GetString(obj, "schema_version");
        if (version is null) return PostParseResult.Fail("missing schema_version");
        if (version != Post.CurrentSchemaVersion) return PostParseResult.Fail($"unsupported schema_version \"{Truncate(version)}\" (expected \"1\")");

        var source = GetString(obj, "source");
        if (string.IsNullOrEmpty(source)) return PostParseResult.Fail("missing source");
        if (!SourceName().IsMatch(source)) return PostParseResult.Fail($"invalid source \"{Truncate(source)}\" (expected [a-z0-9_.:-]{{1,64}})");

        var id = GetString(obj, "source_post_id");
        if (string.IsNullOrEmpty(id)) return PostParseResult.Fail("missing source_post_id");
        if (id.Length > 256) return PostParseResult.Fail("source_post_id longer than 256 characters");

        if (obj["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text))
            return PostParseResult.Fail("missing text");
        if (text.Length > MaxTextChars) return PostParseResult.Fail($"text too long ({text.Length} chars, max {MaxTextChars})");

        var created = GetString(obj, "created_at");
        if (created is null) return PostParseResult.Fail("missing created_at");
        if (!TryParseTimestamp(created, out _)) return PostParseResult.Fail($"invalid created_at \"{Truncate(created)}\" (RFC 3339 with offset required)");

        if (obj["author"] is not JsonObject author || string.IsNullOrEmpty(GetString(author, "id")))
            return PostParseResult.Fail("missing author.id");

        Post? post;
        try { post = obj.Deserialize<Post>(Options); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return PostParseResult.Fail($"invalid field: {e.Message}");
        }
        if (post is null) return PostParseResult.Fail("empty object");
        if (post.Text.Length == 0 && post.Media.Count == 0) return PostParseResult.Fail("text is empty and there is no media");
        if (post.Geo is { } g && (!double.IsFinite(g.Lat) || !double.IsFinite(g.Lon) || Math.Abs(g.Lat) > 90 || Math.Abs(g.Lon) > 180))
            return PostParseResult.Fail("geo out of range");
        return PostParseResult.Ok(post, obj);
    }

    public static bool TryParseTimestamp(string s, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(s)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    public static string Serialize(Post post) => JsonSerializer.Serialize(post, Options);

    public static byte[] SerializeToUtf8(Post post) => JsonSerializer.SerializeToUtf8Bytes(post, Options);

    public static byte[] SerializeToUtf8(PostAnalysis analysis) => JsonSerializer.SerializeToUtf8Bytes(analysis, AnalysisOptions);

    public static Post? DeserializePost(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<Post>(utf8, Options);

    public static PostAnalysis? DeserializeAnalysis(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<PostAnalysis>(utf8, AnalysisOptions);

    public static JsonNode ToNode(PostAnalysis analysis) => JsonSerializer.SerializeToNode(analysis, AnalysisOptions)!;

    public static string Serialize(PostAnalysis analysis) => JsonSerializer.Serialize(analysis, AnalysisOptions);

    public static Post? DeserializePost(string json) => JsonSerializer.Deserialize<Post>(json, Options);

    // The analysis record always writes its nullable fields (location: null, duplicate_of: null)
    // so consumers can rely on the keys being present (design.md §4.2).
    private static readonly JsonSerializerOptions AnalysisOptions = CreateAnalysisOptions();

    private static JsonSerializerOptions CreateAnalysisOptions()
    {
        var o = new JsonSerializerOptions(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    private static string? GetString(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

public readonly record struct PostParseResult(Post? Post, JsonObject? Json, string? Error)
{
    public bool Success => Post is not null;
    public static PostParseResult Ok(Post post, JsonObject json) => new(post, json, null);
    public static PostParseResult Fail(string error) => new(null, null, error);
}
