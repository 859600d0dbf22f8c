using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Hosting;

/// <summary>Creates or migrates the store before anything else starts (pipeline, retention,
/// and the web server, which starts after the hosted services), so no page or background job
/// ever sees an uninitialised store. A failed migration stops the host with its message.</summary>
public sealed class StoreInitialiser(IPostStore store, ILogger<StoreInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitialiseAsync(cancellationToken);
        var stats = await store.GetStatsAsync(cancellationToken);
        logger.LogInformation("Store ready: {Description}, {Count} posts", stats.Description, stats.PostCount);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
