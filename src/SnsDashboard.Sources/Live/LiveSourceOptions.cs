namespace SnsDashboard.Sources.Live;

/// <summary>Settings every live connector shares. Connector options derive from this.
/// Options types are classes, not records: a record's generated ToString would print tokens.</summary>
public abstract class LiveSourceOptions
{
    public bool Enabled { get; set; }
    /// <summary>No posts for this long ⇒ the status page warns that the source is silent.
    /// 0 = never warn (a quiet hashtag can legitimately be silent for hours).</summary>
    public int SilenceWarningSeconds { get; set; } = 300;
    /// <summary>No bytes at all (not even a keep-alive or ping) for this long ⇒ reconnect.</summary>
    public int StallTimeoutSeconds { get; set; } = 90;
    /// <summary>Messages larger than this are dropped (counted as "oversized").</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;
    public BackoffOptions Backoff { get; set; } = new();

    public TimeSpan? SilenceThreshold => SilenceWarningSeconds > 0 ? TimeSpan.FromSeconds(SilenceWarningSeconds) : null;
    public TimeSpan StallTimeout => TimeSpan.FromSeconds(Math.Max(1, StallTimeoutSeconds));
}
