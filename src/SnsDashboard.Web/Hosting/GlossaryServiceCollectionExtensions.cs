using Microsoft.Extensions.Options;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Web.Hosting;

/// <summary>The versioned glossary: its store, the publisher that swaps it into the live pipeline,
/// the start-up step that loads the published version, and the X rule limits.</summary>
public static class GlossaryServiceCollectionExtensions
{
    public const string XRulesSection = "Glossary:XRules";

    public static IServiceCollection AddGlossary(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IGlossaryStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteGlossaryStore(new SqliteStoreOptions { DataDir = ConfigPaths.Resolve(o.DataDir), RetentionDays = o.RetentionDays });
        });
        services.AddSingleton(sp => new GlossaryPublisher(sp.GetRequiredService<IGlossaryStore>(), sp.GetRequiredService<SnapshotHolder>()));
        services.AddSingleton(_ => config.GetSection(XRulesSection).Get<XRuleLimits>() ?? new XRuleLimits());
        services.AddSingleton<SnsDashboard.Sources.X.IXRuleProvider, PublishedGlossaryXRules>();
        // Registered right after the store initialiser: the published version is live before the pipeline starts.
        services.AddHostedService<GlossaryInitialiser>();
        return services;
    }
}

/// <summary>Loads the published glossary version at start (or stores the baseline folder as version 1).</summary>
public sealed class GlossaryInitialiser(GlossaryPublisher publisher, PipelineOptions pipeline, ILogger<GlossaryInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = await publisher.InitialiseAsync(ConfigPaths.Resolve(pipeline.GlossaryDir), cancellationToken);
        logger.LogInformation("Glossary v{Version} ({Kind}, {Author}) is live", info.Version, info.Kind, info.Author);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
