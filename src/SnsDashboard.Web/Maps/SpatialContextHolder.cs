using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Pipeline;

namespace SnsDashboard.Web.Maps;

/// <summary>
/// The current <see cref="SpatialContext"/> built from the catalogue's current layers. It lives
/// in the pipeline snapshot, so the spatial-join stage and the pages read the same one without
/// locking; an import calls <see cref="RebuildAsync"/>, which swaps in a new snapshot atomically
/// (posts analysed from then on are joined against the new layers).
/// </summary>
public sealed class SpatialContextHolder(ILayerCatalogue catalogue, SnapshotHolder snapshots, ILogger<SpatialContextHolder> logger)
{
    private volatile bool _built;
    private string? _signature;
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    public SpatialContext Current => snapshots.Current.Spatial;

    public async Task<SpatialContext> GetAsync(CancellationToken ct = default)
    {
        if (!_built) await RebuildAsync(ct);
        return Current;
    }

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            var signature = SpatialContextLoader.Signature(await catalogue.ListAsync(ct: ct));
            var ctx = await SpatialContextLoader.LoadAsync(catalogue, ct);
            snapshots.Update(s => s with { Spatial = ctx });
            _signature = signature;
            _built = true;
            logger.LogInformation("Spatial join context: {Zones} zones, {Shelters} shelters, {Municipalities} municipalities",
                ctx.ZoneCount, ctx.ShelterCount, ctx.MunicipalityCount);
        }
        finally { _rebuild.Release(); }
    }

    /// <summary>Rebuilds when the catalogue's current join layers differ from the ones built
    /// (e.g. a <c>sns layers import</c> run beside the host), or when the snapshot lost them. True when it rebuilt.</summary>
    public async Task<bool> RefreshIfChangedAsync(CancellationToken ct = default)
    {
        if (_built && Current.IsLoaded && SpatialContextLoader.Signature(await catalogue.ListAsync(ct: ct)) == _signature) return false;
        await RebuildAsync(ct);
        return true;
    }
}
