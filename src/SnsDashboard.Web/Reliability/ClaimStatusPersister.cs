using SnsDashboard.Core.Claims;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Web.Reliability;

/// <summary>Writes the claim status changes the pipeline and operators make to the status log,
/// twice a second (I/O at the edge; the tracker itself never waits on the store). A failed write
/// is kept and retried, so no change is lost while the host runs.</summary>
public sealed class ClaimStatusPersister(ClaimStatusBoard board, SqliteReliabilityStore store, ILogger<ClaimStatusPersister> logger) : BackgroundService
{
    private readonly List<ClaimStatusChange> _pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Flush();
        }
        catch (OperationCanceledException) { }
        Flush();
    }

    internal void Flush()
    {
        board.DrainPending(_pending, 10_000);
        if (_pending.Count == 0) return;
        try
        {
            store.AppendStatusChanges(_pending);
            _pending.Clear();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing {Count} claim status changes failed; retrying", _pending.Count);
        }
    }
}

/// <summary>Loads the registry, track records, learned model and operators' claim decisions
/// before the pipeline starts (registered ahead of the pipeline host).</summary>
public sealed class ReliabilityStartup(RegistryService registry, OperatorMarksService marks, ScoreModelService models,
    ClaimStatusBoard board, SqliteReliabilityStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.Load();
        marks.RefreshTrackRecords();
        models.Load();
        board.Restore(store.StandingClaimDecisions());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
