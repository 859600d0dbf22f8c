using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.Misskey;

/// <summary>"Sources:Misskey": a list of servers under <c>Servers:&lt;n&gt;</c>.</summary>
public sealed class MisskeyOptions
{
    public const string Section = "Sources:Misskey";
    public bool Enabled { get; set; }
    public List<MisskeyServerOptions> Servers { get; set; } = [];
}

public sealed class MisskeyServerOptions : LiveSourceOptions
{
    public string BaseUrl { get; set; } = "";
    /// <summary>Needed for hybridTimeline and antenna (with read:account); optional otherwise.</summary>
    public string? Token { get; set; }
    /// <summary>globalTimeline, localTimeline, hybridTimeline, antenna:&lt;antennaId&gt;.</summary>
    public List<string> Channels { get; set; } = ["localTimeline"];
    /// <summary>A channel not confirmed ("connected") within this time is reported: the server
    /// silently ignores channels it does not allow.</summary>
    public int ConfirmSeconds { get; set; } = 10;

    public MisskeyServerOptions()
    {
        StallTimeoutSeconds = 180; // the server pings every 60 s
        SilenceWarningSeconds = 0;
    }

    public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var u) ? u.Authority : BaseUrl;
}
