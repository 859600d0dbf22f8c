using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.X;

/// <summary>"Sources:X": the API v2 filtered stream. The bearer token comes from configuration,
/// environment (Sources__X__BearerToken) or user secrets only.</summary>
public sealed class XOptions : LiveSourceOptions
{
    public const string Section = "Sources:X";

    public string BaseUrl { get; set; } = "https://api.x.com";
    public string? BearerToken { get; set; }
    /// <summary>Synchronise the stream rules with the glossary's rules before connecting.</summary>
    public bool SyncRules { get; set; } = true;

    public XOptions()
    {
        // X sends a keep-alive every 20 s; 30 s without a byte means the connection is dead.
        StallTimeoutSeconds = 30;
        SilenceWarningSeconds = 600;
        Backoff = new BackoffOptions { InitialMs = 5_000, MaxMs = 320_000, ThrottledInitialMs = 60_000, ThrottledMaxMs = 960_000 };
    }

    public const string StreamQuery =
        "tweet.fields=created_at,author_id,lang,geo,entities,attachments,referenced_tweets,conversation_id,in_reply_to_user_id,possibly_sensitive,note_tweet,edit_history_tweet_ids"
        + "&expansions=author_id,geo.place_id,attachments.media_keys,referenced_tweets.id,referenced_tweets.id.author_id"
        + "&user.fields=username,name,created_at,verified,verified_type,public_metrics,location"
        + "&place.fields=full_name,name,country_code,place_type,geo"
        + "&media.fields=type,url,preview_image_url,width,height,alt_text";
}
