using Microsoft.Extensions.Options;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Layers;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Maps;

namespace SnsDashboard.Web.Hosting;

/// <summary>Services of the operators' map: layer catalogue (in the dashboard's SQLite file),
/// import limits, base map options, offline tiles and the spatial-join context.</summary>
public static class MapLayersHosting
{
    public static IServiceCollection AddMapLayers(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LayerImportLimits>().Bind(config.GetSection(LayerImportLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MapOptions>().Bind(config.GetSection(MapOptions.Section));
        services.AddSingleton<ILayerCatalogue>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var catalogue = new SqliteLayerCatalogue(new SqliteStoreOptions { DataDir = ConfigPaths.Resolve(storage.DataDir) });
            catalogue.InitialiseAsync().GetAwaiter().GetResult();
            return catalogue;
        });
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<MapOptions>>().Value.OfflineTiles.MbTilesPath;
            return new MbTilesReader(string.IsNullOrWhiteSpace(path) ? null : ConfigPaths.Resolve(path));
        });
        services.AddSingleton<SpatialContextHolder>();
        return services;
    }
}
