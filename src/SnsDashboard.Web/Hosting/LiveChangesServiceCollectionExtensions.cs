using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Hosting;

/// <summary>Changes to posts already on screen (deletions, claim status) reach open views.</summary>
public static class LiveChangesServiceCollectionExtensions
{
    public static IServiceCollection AddLiveChanges(this IServiceCollection services)
    {
        services.AddHostedService<ClaimStatusRelay>();
        services.AddSingleton(sp => new LiveViewMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        return services;
    }
}
