namespace SnsDashboard.Sources.Mastodon;

/// <summary>One configured stream name and where it lives on each transport.</summary>
public sealed record MastodonStream(string Name, string? Tag, bool LocalTag)
{
    /// <summary>public | public:local | public:remote | hashtag:&lt;tag&gt; | hashtag:local:&lt;tag&gt;.</summary>
    public static MastodonStream Parse(string name)
    {
        if (name.StartsWith("hashtag:local:", StringComparison.Ordinal)) return new(name, name["hashtag:local:".Length..].TrimStart('#'), true);
        if (name.StartsWith("hashtag:", StringComparison.Ordinal)) return new(name, name["hashtag:".Length..].TrimStart('#'), false);
        if (name is "public" or "public:local" or "public:remote" or "public:media") return new(name, null, false);
        throw new ArgumentException($"unknown Mastodon stream \"{name}\" (public, public:local, public:remote, hashtag:<tag>, hashtag:local:<tag>)");
    }

    /// <summary>The key a WebSocket frame's <c>stream</c> array maps to.</summary>
    public static string KeyOf(IReadOnlyList<string> stream) => string.Join(":", stream);

    public string SsePath => Tag is null
        ? "/api/v1/streaming/" + Name.Replace(':', '/').Replace("public/media", "public?only_media=true")
        : (LocalTag ? "/api/v1/streaming/hashtag/local?tag=" : "/api/v1/streaming/hashtag?tag=") + Uri.EscapeDataString(Tag);

    public string SubscribeMessage => Tag is null
        ? $"{{\"type\":\"subscribe\",\"stream\":\"{Name}\"}}"
        : $"{{\"type\":\"subscribe\",\"stream\":\"{(LocalTag ? "hashtag:local" : "hashtag")}\",\"tag\":{System.Text.Json.JsonSerializer.Serialize(Tag)}}}";

    /// <summary>The REST timeline that covers the same statuses, for min_id catch-up.</summary>
    public string TimelinePath(string minId) => (Tag is null
        ? "/api/v1/timelines/public?" + Name switch { "public:local" => "local=true&", "public:remote" => "remote=true&", "public:media" => "only_media=true&", _ => "" }
        : "/api/v1/timelines/tag/" + Uri.EscapeDataString(Tag) + "?" + (LocalTag ? "local=true&" : ""))
        + "min_id=" + Uri.EscapeDataString(minId) + "&limit=40";
}
