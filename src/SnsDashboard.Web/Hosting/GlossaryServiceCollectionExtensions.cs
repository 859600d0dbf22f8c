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
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteGlossaryStore(new SqliteStoreOptions { DataDir = ConfigPaths.Resolve(o.DataDir), RetentionDays = o.RetentionDays });
        });
        services.AddSingleton<IGlossaryStore>(sp => sp.GetRequiredService<SqliteGlossaryStore>());
        services.AddSingleton(sp => new GlossaryPublisher(sp.GetRequiredService<IGlossaryStore>(), sp.GetRequiredService<SnapshotHolder>()));
        services.AddSingleton(sp => new GlossaryFolderStatus(ConfigPaths.Resolve(sp.GetRequiredService<PipelineOptions>().GlossaryDir)));
        services.AddSingleton(_ => config.GetSection(XRulesSection).Get<XRuleLimits>() ?? new XRuleLimits());
        services.AddSingleton<SnsDashboard.Sources.X.IXRuleProvider, PublishedGlossaryXRules>();
        // Registered right after the store initialiser: the published version is live before the pipeline starts.
        services.AddHostedService<GlossaryInitialiser>();
        return services;
    }
}

/// <summary>Loads the published glossary version at start (or stores the baseline folder as version 1),
/// then warns when the baseline folder has changed since: it is never applied silently.</summary>
public sealed class GlossaryInitialiser(GlossaryPublisher publisher, IGlossaryStore store, GlossaryFolderStatus folder, ILogger<GlossaryInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = await publisher.InitialiseAsync(folder.BaselineDir, cancellationToken);
        logger.LogInformation("Glossary v{Version} ({Kind}, {Author}) is live", info.Version, info.Kind, info.Author);
        var check = await folder.RefreshAsync(store, cancellationToken);
        if (check.Differs)
            logger.LogWarning(
                "Glossary folder {Dir} differs from the published v{Version} ({Summary}); it is NOT applied. " +
                "Review it with `sns glossary rebaseline` or the re-baseline button on /glossary", check.Dir, info.Version, check.Summary);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
