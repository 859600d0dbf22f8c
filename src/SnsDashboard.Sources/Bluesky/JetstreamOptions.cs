using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.Bluesky;

/// <summary>"Sources:Bluesky". Jetstream needs no credentials.</summary>
public sealed class JetstreamOptions : LiveSourceOptions
{
    public const string Section = "Sources:Bluesky";

    /// <summary>The v1 subscribe endpoint (wss://…/subscribe). http(s) is accepted and turned into ws(s).</summary>
    public string JetstreamUrl { get; set; } = "wss://jetstream2.us-east.bsky.network/subscribe";
    /// <summary>Keep posts whose declared (or, when missing, guessed) language is one of these.
    /// Empty = every language.</summary>
    public List<string> Languages { get; set; } = ["ja"];
    /// <summary>On reconnect, resume from the last event's time_us minus this (overlap is de-duplicated).</summary>
    public int CursorRewindSeconds { get; set; } = 5;
    public BlueskyProfileOptions Profiles { get; set; } = new();

    public JetstreamOptions()
    {
        StallTimeoutSeconds = 60;
        SilenceWarningSeconds = 120;
    }
}

/// <summary>The AppView used to turn DIDs into handles, display names and follower counts.</summary>
public sealed class BlueskyProfileOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Base of app.bsky.actor.getProfiles (the public AppView needs no auth).</summary>
    public string Endpoint { get; set; } = "https://public.api.bsky.app";
    public int MaxRequestsPerMinute { get; set; } = 300;
    public int CacheMinutes { get; set; } = 60;
    public int MaxCachedProfiles { get; set; } = 200_000;
    /// <summary>DIDs waiting for a lookup beyond this are not queued (their posts still flow).</summary>
    public int MaxPendingLookups { get; set; } = 10_000;
}
