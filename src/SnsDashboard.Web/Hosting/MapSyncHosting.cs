using SnsDashboard.Web.Live;
using SnsDashboard.Web.Maps;

namespace SnsDashboard.Web.Hosting;

/// <summary>Spatial joins in the pipeline (layers built at start and refreshed on catalogue
/// changes) and the filter state the map, the feed and the CSV export share.</summary>
public static class MapSyncHosting
{
    public static IServiceCollection AddMapSync(this IServiceCollection services)
    {
        services.AddHostedService<SpatialJoinRefresher>();
        services.AddScoped<SharedPostFilterState>();
        return services;
    }
}
