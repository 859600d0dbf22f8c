using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;

namespace SnsDashboard.Web.Hosting;

/// <summary>
/// Starts the pipeline runner and every configured source; on shutdown stops the
/// sources first and lets the runner drain what was already accepted into the store.
/// </summary>
public sealed class PipelineHost(
    IngestQueue queue,
    PipelineRunner runner,
    SourceCatalog catalog,
    ILogger<PipelineHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var drain = new CancellationTokenSource();
        var running = runner.RunAsync(drain.Token);
        var sourceTasks = catalog.All.Select(s => RunSourceAsync(s, stoppingToken)).ToArray();
        logger.LogInformation("Pipeline started with sources: {Sources}", string.Join(", ", catalog.All.Select(s => s.Name)));
        try { await Task.Delay(Timeout.Infinite, stoppingToken); }
        catch (OperationCanceledException) { }
        await Task.WhenAll(sourceTasks);
        queue.Complete();
        await running;
        logger.LogInformation("Pipeline drained and stopped");
    }

    private async Task RunSourceAsync(IPostSource source, CancellationToken ct)
    {
        try
        {
            await source.RunAsync(queue, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            // A broken source must never take the host (or the other sources) down.
            source.Health.SetState(SourceStates.Failed, e.Message);
            logger.LogError(e, "Source {Source} failed", source.Name);
        }
        finally
        {
            if (source.Health.State != SourceStates.Failed) source.Health.SetState(SourceStates.Stopped);
        }
    }
}
