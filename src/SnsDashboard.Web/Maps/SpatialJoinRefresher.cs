namespace SnsDashboard.Web.Maps;

/// <summary>Builds the spatial-join layers at start (so the pipeline joins from its first post)
/// and picks up catalogue changes made outside this host (the CLI) within a short delay.</summary>
public sealed class SpatialJoinRefresher(SpatialContextHolder holder, ILogger<SpatialJoinRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await holder.RefreshIfChangedAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "Spatial join layers could not be rebuilt; the previous ones stay in use"); }
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
