using Microsoft.Extensions.Options;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Hosting;

/// <summary>Deletes posts older than the retention window (Storage:RetentionDays) every few minutes.</summary>
public sealed class RetentionService(IPostStore store, IOptions<StorageOptions> options, TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        try
        {
            do
            {
                if (options.Value.RetentionDays <= 0) continue;
                try
                {
                    var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
                    int n = await store.PurgeOlderThanAsync(cutoff, stoppingToken);
                    if (n > 0) logger.LogInformation("Retention removed {Count} posts created before {Cutoff:O}", n, cutoff);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Retention purge failed");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }
}
