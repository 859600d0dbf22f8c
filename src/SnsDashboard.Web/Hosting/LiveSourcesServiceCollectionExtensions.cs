using Microsoft.Extensions.Options;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Web.Hosting;

/// <summary>Registration of the live connectors' shared services and the webhook ingest.</summary>
public static class LiveSourcesServiceCollectionExtensions
{
    public static IServiceCollection AddLiveSources(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<WebhookOptions>().Bind(config.GetSection(WebhookOptions.Section));
        services.AddSingleton(sp => new WebhookClients(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<WebhookClients>().Options);
        services.AddSingleton<WebhookIngestor>();
        services.AddSingleton<IPostDeleter>(sp => sp.GetRequiredService<IPostStore>() as IPostDeleter
            ?? throw new InvalidOperationException("The configured post store cannot delete posts; source deletions would be ignored."));
        services.AddSingleton<StorePostRetractor>();
        services.AddSingleton<IPostRetractor>(sp => sp.GetRequiredService<StorePostRetractor>());
        services.AddHttpClient();
        return services;
    }
}
