using System.Security.Cryptography;
using System.Text;
using SnsDashboard.Core.Ingest;

namespace SnsDashboard.Web.Ingest;

/// <summary>The configured webhook senders, looked up by bearer token in constant time (the
/// token is hashed first, so comparison time does not depend on how much of it matched).</summary>
public sealed class WebhookClients
{
    private readonly List<(byte[] TokenHash, WebhookClient Client)> _byToken = [];

    public WebhookClients(WebhookOptions options)
    {
        Options = options;
        foreach (var c in options.Clients.Where(c => c.Enabled))
        {
            var client = new WebhookClient(c);
            All.Add(client);
            if (!string.IsNullOrEmpty(c.Token)) _byToken.Add((Hash(c.Token), client));
        }
    }

    public WebhookOptions Options { get; }
    public List<WebhookClient> All { get; } = [];

    public WebhookClient? FindByToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = Hash(token);
        WebhookClient? found = null;
        foreach (var (h, client) in _byToken)
            if (CryptographicOperations.FixedTimeEquals(h, hash)) found = client;
        return found;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

/// <summary>One sender and its health row on the status page. As an <see cref="IPostSource"/> it
/// only idles: posts arrive through the endpoint, not from a connection.</summary>
public sealed class WebhookClient(WebhookClientOptions options) : IPostSource
{
    public WebhookClientOptions Options { get; } = options;
    public string Name => Options.DefaultSource;
    public SourceHealth Health { get; } = new(options.DefaultSource) { Endpoint = "POST /ingest/v1/posts" };

    public async Task RunAsync(IIngestSink sink, CancellationToken ct)
    {
        Health.Started(DateTimeOffset.UtcNow);
        Health.SetState(SourceStates.Running);
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { }
    }

    public bool Allows(string source) => Options.Sources.Contains(source, StringComparer.Ordinal);
}
