using System.Text.Json;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Hubs;
using SnsDashboard.Web.Live;
using Microsoft.Extensions.Options;

namespace SnsDashboard.Web.Hosting;

/// <summary>Service registration per area, so Program.cs stays short.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardStorage(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqlitePostStore(new SqliteStoreOptions
            {
                DataDir = ConfigPaths.Resolve(o.DataDir),
                RetentionDays = o.RetentionDays,
            });
        });
        services.AddHostedService<StoreInitialiser>(); // registered first: runs before the others start
        services.AddHostedService<RetentionService>();
        return services;
    }

    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PipelineOptions>().Bind(config.GetSection(PipelineOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PipelineOptions>>().Value);
        services.TryAddTimeProvider();
        services.AddSingleton(sp => new PipelineMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<IIngestSink>(sp => sp.GetRequiredService<IngestQueue>());
        services.AddSingleton(sp => new SnapshotHolder(PipelineSnapshots.Load(
            ConfigPaths.Resolve(sp.GetRequiredService<PipelineOptions>().GlossaryDir))));
        services.AddSingleton<PostAnalyser>();
        services.AddSingleton(sp =>
        {
            var analyser = sp.GetRequiredService<PostAnalyser>();
            return new PipelineRunner(
                sp.GetRequiredService<IngestQueue>(), analyser.AnalyseBatch, sp.GetRequiredService<IPostStore>(),
                sp.GetRequiredService<IAnalysedPostPublisher>(), sp.GetRequiredService<PipelineMetrics>(),
                sp.GetRequiredService<PipelineOptions>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PipelineRunner>>());
        });
        services.AddHostedService<PipelineHost>();
        services.AddSingleton<StatusReporter>();
        return services;
    }

    /// <summary>Registers a start-up step that must finish before the pipeline takes its first post
    /// (hosted services start in registration order). Works whether or not AddPipeline ran first.</summary>
    public static IServiceCollection AddHostedServiceBeforePipeline<T>(this IServiceCollection services) where T : class, IHostedService
    {
        var step = ServiceDescriptor.Singleton<IHostedService, T>();
        int pipeline = services.ToList().FindIndex(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PipelineHost));
        if (pipeline >= 0) services.Insert(pipeline, step); else services.Add(step);
        return services;
    }

    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<SourceCatalog>();
        return services;
    }

    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LiveOptions>().Bind(config.GetSection(LiveOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddTimeProvider();
        services.AddSingleton<PostBus>();
        services.AddSingleton<IAnalysedPostPublisher>(sp => sp.GetRequiredService<PostBus>());
        services.AddSingleton<HubSubscriptions>();
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        return services;
    }

    internal static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
