using Microsoft.Extensions.Options;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Sources.Bluesky;
using SnsDashboard.Sources.Replay;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Web.Hosting;

/// <summary>The sources enabled in configuration ("Sources:*"), created once when first asked
/// (after configuration is complete, so test and environment overrides apply).</summary>
public sealed class SourceCatalog(IServiceProvider services, IConfiguration config)
{
    private readonly Lazy<IReadOnlyList<IPostSource>> _sources = new(() => Create(services, config));

    public IReadOnlyList<IPostSource> All => _sources.Value;

    private static IReadOnlyList<IPostSource> Create(IServiceProvider services, IConfiguration config)
    {
        var list = new List<IPostSource>();
        var replay = config.GetSection("Sources:Replay");
        if (replay.GetValue("Enabled", true))
        {
            var o = replay.Get<ReplayOptions>() ?? new ReplayOptions();
            o.Scenarios = o.Scenarios.Select(p => ConfigPaths.Resolve(p)).ToList();
            list.Add(ActivatorUtilities.CreateInstance<ReplaySource>(services, o));
        }
        var bluesky = config.GetSection(JetstreamOptions.Section);
        if (bluesky.GetValue("Enabled", false))
        {
            var o = bluesky.Get<JetstreamOptions>() ?? new JetstreamOptions();
            list.Add(ActivatorUtilities.CreateInstance<JetstreamSource>(services, o, Http(services)));
        }
        var webhook = services.GetRequiredService<WebhookClients>();
        if (webhook.Options.Enabled) list.AddRange(webhook.All);
        return list;
    }

    private static HttpClient Http(IServiceProvider services) => services.GetRequiredService<IHttpClientFactory>().CreateClient("sources");
}
