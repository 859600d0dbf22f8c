using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Web.Maps;

/// <summary>
/// The current <see cref="SpatialContext"/> built from the catalogue's current layers. Readers
/// take the snapshot without locking; an import calls <see cref="RebuildAsync"/>, which swaps in
/// a new snapshot atomically.
/// </summary>
public sealed class SpatialContextHolder(ILayerCatalogue catalogue, ILogger<SpatialContextHolder> logger)
{
    private SpatialContext? _current;
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    public SpatialContext Current => Volatile.Read(ref _current) ?? SpatialContext.Empty;

    public async Task<SpatialContext> GetAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _current) is { } ctx) return ctx;
        await RebuildAsync(ct);
        return Current;
    }

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            var joinLayers = new List<JoinLayer>();
            foreach (var l in await catalogue.ListAsync(ct: ct))
            {
                if (l.Theme is not (LayerThemes.Hazard or LayerThemes.SocialAssets or LayerThemes.Boundaries)) continue;
                if (await catalogue.GetGeoJsonAsync(l.Id, ct) is not { } json) continue;
                joinLayers.Add(new JoinLayer(l.Id, l.Title, l.Theme, GeoJsonLayerReader.Read(l.FileName, json).Features));
            }
            var ctx = await Task.Run(() => new SpatialContext(joinLayers), ct);
            Volatile.Write(ref _current, ctx);
            logger.LogInformation("Spatial join context: {Zones} zones, {Shelters} shelters, {Municipalities} municipalities",
                ctx.ZoneCount, ctx.ShelterCount, ctx.MunicipalityCount);
        }
        finally { _rebuild.Release(); }
    }
}
