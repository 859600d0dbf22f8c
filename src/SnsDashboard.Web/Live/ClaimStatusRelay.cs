using SnsDashboard.Core.Claims;

namespace SnsDashboard.Web.Live;

/// <summary>
/// Puts every claim status change (a denial arrived, an operator marked a rumour) on the live bus,
/// so the maps and feeds that already show the claim's posts restyle them within one bus tick,
/// in each subscriber's own culture and circuit.
/// </summary>
public sealed class ClaimStatusRelay(ClaimStatusBoard board, PostBus bus) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        board.Changed += bus.PublishClaimStatus;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        board.Changed -= bus.PublishClaimStatus;
        return Task.CompletedTask;
    }
}
