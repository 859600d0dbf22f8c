using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Sources.Bluesky;
using SnsDashboard.Sources.Live;
using SnsDashboard.Sources.Mastodon;
using SnsDashboard.Sources.Misskey;
using SnsDashboard.Sources.Replay;
using SnsDashboard.Sources.X;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Web.Hosting;

/// <summary>The sources enabled in configuration ("Sources:*"), created once when first asked
/// (after configuration is complete, so test and environment overrides apply). Defaults: the
/// replay demo on, every live source off.</summary>
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

        if (config.GetSection(XOptions.Section).Get<XOptions>() is { Enabled: true } x)
            list.Add(ActivatorUtilities.CreateInstance<XFilteredStreamSource>(services, x, Http(services)));

        if (config.GetSection(JetstreamOptions.Section).Get<JetstreamOptions>() is { Enabled: true } bluesky)
            list.Add(ActivatorUtilities.CreateInstance<JetstreamSource>(services, bluesky, Http(services)));

        foreach (var server in config.GetSection(MastodonOptions.Section).Get<MastodonOptions>()?.Servers ?? [])
        {
            if (!server.Enabled || string.IsNullOrWhiteSpace(server.BaseUrl)) continue;
            if (server.Transport.Equals("sse", StringComparison.OrdinalIgnoreCase))
                foreach (var stream in server.Streams)
                    list.Add(ActivatorUtilities.CreateInstance<MastodonSource>(services, server, Http(services), stream));
            else
                list.Add(ActivatorUtilities.CreateInstance<MastodonSource>(services, server, Http(services)));
        }

        foreach (var server in config.GetSection(MisskeyOptions.Section).Get<MisskeyOptions>()?.Servers ?? [])
            if (server.Enabled && !string.IsNullOrWhiteSpace(server.BaseUrl))
                list.Add(ActivatorUtilities.CreateInstance<MisskeySource>(services, server));

        var webhook = services.GetRequiredService<WebhookClients>();
        if (webhook.Options.Enabled) list.AddRange(webhook.All);
        return list;
    }

    private static HttpClient Http(IServiceProvider services) => services.GetRequiredService<IHttpClientFactory>().CreateClient("sources");
}
