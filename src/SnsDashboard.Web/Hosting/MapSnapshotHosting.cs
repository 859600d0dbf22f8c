using SnsDashboard.Web.Maps.Snapshots;

namespace SnsDashboard.Web.Hosting;

/// <summary>Map snapshots for reports: options (Map:Snapshot) and the one-at-a-time renderer.</summary>
public static class MapSnapshotHosting
{
    public static IServiceCollection AddMapSnapshots(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MapSnapshotOptions>().Bind(config.GetSection(MapSnapshotOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MapSnapshotService>();
        return services;
    }
}
