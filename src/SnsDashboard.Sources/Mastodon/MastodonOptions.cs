using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.Mastodon;

/// <summary>"Sources:Mastodon": a list of servers under <c>Servers:&lt;n&gt;</c>.</summary>
public sealed class MastodonOptions
{
    public const string Section = "Sources:Mastodon";
    public bool Enabled { get; set; }
    public List<MastodonServerOptions> Servers { get; set; } = [];
}

/// <summary>One Mastodon server. Since 4.2 every stream needs a user access token
/// (<c>read:statuses</c>); use a dedicated account with no language filter and no mutes.</summary>
public sealed class MastodonServerOptions : LiveSourceOptions
{
    /// <summary>https://social.example.jp (the streaming endpoints are under it).</summary>
    public string BaseUrl { get; set; } = "";
    public string? AccessToken { get; set; }
    /// <summary>"websocket" (one socket, all streams) or "sse" (one HTTP stream per stream).</summary>
    public string Transport { get; set; } = "websocket";
    /// <summary>public, public:local, public:remote, hashtag:&lt;tag&gt;, hashtag:local:&lt;tag&gt;.</summary>
    public List<string> Streams { get; set; } = ["public:local"];
    /// <summary>Pages of 40 fetched with min_id after a reconnect before the rest is reported as a gap.</summary>
    public int CatchUpMaxPages { get; set; } = 10;

    public MastodonServerOptions()
    {
        // Quiet hashtags can be silent for hours: WebSocket pings keep the socket honest, the
        // stall timeout only catches a dead proxy. SSE heartbeats come every 15 s.
        StallTimeoutSeconds = 300;
        SilenceWarningSeconds = 0;
    }

    public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var u) ? u.Authority : BaseUrl;
}
