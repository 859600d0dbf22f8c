using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Reliability;

namespace SnsDashboard.Web.Hosting;

/// <summary>Reliability services: the claim status board shared by the pipeline and the UI, the
/// registry, operators' marks, the learned score, and the status log writer.</summary>
public static class ReliabilityServiceCollectionExtensions
{
    /// <summary>Call after AddPipeline: replaces the analyser with one that publishes claim
    /// statuses to the board, and starts the reliability loader ahead of the pipeline host.</summary>
    public static IServiceCollection AddReliability(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<ClaimStatusBoard>();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IPostStore>() is SqlitePostStore sqlite ? sqlite.DatabasePath
                : new SqliteStoreOptions { DataDir = ConfigPaths.Resolve(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir) }.DatabasePath;
            return new SqliteReliabilityStore(path);
        });
        services.Replace(ServiceDescriptor.Singleton(sp => new PostAnalyser(sp.GetRequiredService<SnapshotHolder>(), sp.GetRequiredService<ClaimStatusBoard>(),
            authors: sp.GetService<SnsDashboard.Core.Geo.AuthorLocationContext>())));
        services.AddSingleton<RegistryService>();
        services.AddSingleton<OperatorMarksService>();
        services.AddSingleton<ScoreModelService>();

        // Before the pipeline, so the first post is graded with the stored registry and decisions.
        services.AddHostedServiceBeforePipeline<ReliabilityStartup>();
        services.AddHostedService<ClaimStatusPersister>();
        return services;
    }
}
