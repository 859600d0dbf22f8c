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
    /// <summary>How often the host looks for a version published by another process (0 = never).</summary>
    public const string FollowStoreSecondsKey = "Glossary:FollowStoreSeconds";

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
        services.AddHostedService(sp => new GlossaryStoreFollower(sp.GetRequiredService<GlossaryPublisher>(),
            TimeSpan.FromSeconds(config.GetValue(FollowStoreSecondsKey, 5.0)), sp.GetRequiredService<ILogger<GlossaryStoreFollower>>()));
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

/// <summary>Makes versions published outside this host (<c>sns glossary publish</c> on the same data
/// folder) live without a restart: the store is the one source of truth for what is published.</summary>
public sealed class GlossaryStoreFollower(GlossaryPublisher publisher, TimeSpan interval, ILogger<GlossaryStoreFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await publisher.FollowStoreAsync(stoppingToken) is { } info)
                    logger.LogInformation("Glossary v{Version} published by {Author} outside this host is now live ({Comment})", info.Version, info.Author, info.Comment);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not follow the published glossary version");
            }
        }
    }
}
