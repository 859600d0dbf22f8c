using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Ingest;

/// <summary>A dashboard with the webhook on: "cityform" (token only) and "relay" (token + HMAC).</summary>
public sealed class WebhookDashboardFactory : DashboardFactory
{
    public const string CityToken = "city-token-0123456789";
    public const string RelayToken = "relay-token-9876543210";
    public const string RelaySecret = "relay-hmac-secret";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Sources:Webhook:Enabled"] = "true",
        ["Sources:Webhook:MaxBatchPosts"] = "20",
        ["Sources:Webhook:MaxBodyBytes"] = "200000",
        ["Sources:Webhook:Clients:0:Name"] = "cityform",
        ["Sources:Webhook:Clients:0:Token"] = CityToken,
        ["Sources:Webhook:Clients:1:Name"] = "relay",
        ["Sources:Webhook:Clients:1:Token"] = RelayToken,
        ["Sources:Webhook:Clients:1:HmacSecret"] = RelaySecret,
        ["Sources:Webhook:Clients:1:AllowedSources:0"] = "webhook:relay",
        ["Sources:Webhook:Clients:1:AllowedSources:1"] = "line:bot",
    };
}
