using Microsoft.Extensions.Options;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Core.Geo.Corrections;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Components.Shared;

namespace SnsDashboard.Web.Hosting;

public static class GazetteerServiceCollectionExtensions
{
    /// <summary>Loads the configured official gazetteer (section <c>Gazetteer</c>) in the background
    /// after start-up and swaps it into the pipeline snapshot once it is complete and valid; until
    /// then, and if it is rejected, the pipeline runs with the built-in demo gazetteer.</summary>
    public static IServiceCollection AddGazetteer(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(_ => (config.GetSection(GazetteerSources.Section).Get<GazetteerSources>() ?? new()).ResolvedAgainst(ConfigPaths.Root));
        services.AddHostedService<GazetteerLoaderService>();
        services.AddSingleton<ILocationCorrectionStore>(sp => new SqliteLocationCorrectionStore(
            new SqliteStoreOptions { DataDir = ConfigPaths.Resolve(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir) }.DatabasePath));
        services.AddScoped<LocationCorrections>();
        return services;
    }

    /// <summary>Correction statistics (where the resolver errs), for analysts.</summary>
    public static IEndpointRouteBuilder MapGeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/geo/corrections/stats", async (ILocationCorrectionStore store, CancellationToken ct) =>
            Results.Json((await store.StatisticsAsync(ct)).Select(s => new { original_level = s.OriginalLevel, kind = s.Kind, count = s.Count })))
            .RequireAuthorization(Security.DashboardPolicies.Analyst);
        return app;
    }
}

/// <summary>Builds or reads the cached gazetteer off the start-up path and publishes it.</summary>
public sealed class GazetteerLoaderService(
    GazetteerSources sources, SnapshotHolder snapshots, IOptions<StorageOptions> storage, IConfiguration config,
    ILogger<GazetteerLoaderService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sources.IsConfigured)
        {
            logger.LogInformation("Gazetteer: built-in demo data (approximate); set Gazetteer:AbrDir to import the official files");
            return Task.CompletedTask;
        }
        return Task.Run(() => Load(), stoppingToken);
    }

    private void Load()
    {
        try
        {
            string cache = Path.Combine(ConfigPaths.Resolve(storage.Value.DataDir), GazetteerLoader.CacheFileName);
            var result = GazetteerLoader.Load(sources, cache);
            foreach (var issue in result.Issues.Take(50))
                logger.Log(issue.Fatal ? LogLevel.Error : LogLevel.Warning, "Gazetteer import: {Issue}", issue.ToString());
            if (result.IssueCount > 50) logger.LogWarning("Gazetteer import: {More} more issues (run `sns gazetteer import` to list them)", result.IssueCount - 50);
            if (result.Gazetteer is null)
            {
                logger.LogError("Gazetteer import rejected, keeping {Version}: {Summary}", snapshots.Current.Gazetteer.Version, result.Summary);
                return;
            }
            var g = GazetteerLoader.WithFocusAt(result.Gazetteer, config.GetValue<double?>("Map:CenterLat"), config.GetValue<double?>("Map:CenterLon"));
            snapshots.Update(s => s with { Gazetteer = g }); // CAS: keeps a concurrent swap of other parts (spatial layers)
            logger.LogInformation("Gazetteer loaded: {Summary}", result.Summary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            logger.LogError(e, "Gazetteer import failed; keeping the running gazetteer");
        }
    }
}
