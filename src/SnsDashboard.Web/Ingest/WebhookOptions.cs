namespace SnsDashboard.Web.Ingest;

/// <summary>"Sources:Webhook": the generic ingest endpoint (protocols.md §5). Tokens and HMAC
/// secrets come from configuration, environment variables or user secrets only.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Sources:Webhook";

    public bool Enabled { get; set; }
    public int MaxBatchPosts { get; set; } = 500;
    public int MaxBodyBytes { get; set; } = 5 * 1024 * 1024;
    /// <summary>Seconds a sender is asked to wait when the pipeline queue is full.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
    /// <summary>How far X-Ingest-Timestamp may be from our clock.</summary>
    public int SignatureToleranceSeconds { get; set; } = 300;
    public List<WebhookClientOptions> Clients { get; set; } = [];
}

/// <summary>One sender (a municipal form, a relay). Class, not record: ToString must not print secrets.</summary>
public sealed class WebhookClientOptions
{
    /// <summary>Short name, [a-z0-9_.-]; the client's posts use source "webhook:&lt;name&gt;" unless
    /// <see cref="AllowedSources"/> says otherwise.</summary>
    public string Name { get; set; } = "";
    public string? Token { get; set; }
    /// <summary>When set, every request must carry a valid X-Ingest-Signature.</summary>
    public string? HmacSecret { get; set; }
    public List<string> AllowedSources { get; set; } = [];
    public bool Enabled { get; set; } = true;

    public string DefaultSource => "webhook:" + Name;
    public IReadOnlyList<string> Sources => AllowedSources.Count > 0 ? AllowedSources : [DefaultSource];
}
