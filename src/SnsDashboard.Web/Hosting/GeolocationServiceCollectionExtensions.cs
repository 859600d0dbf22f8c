using Microsoft.Extensions.Options;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Hosting;

public static class GeolocationServiceCollectionExtensions
{
    /// <summary>Same-author context (section <c>Geolocation:AuthorContext</c>, validated at start-up):
    /// the analyser's author memory, rebuilt from the store before the pipeline starts.</summary>
    public static IServiceCollection AddGeolocation(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AuthorContextOptions>().Bind(config.GetSection(AuthorContextOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthorContextOptions>>().Value.CreateContext());

        // Before the pipeline, so the first new post already sees the memory.
        return services.AddHostedServiceBeforePipeline<AuthorContextStartup>();
    }
}

/// <summary>Rebuilds the same-author memory from the stored posts of the last window (<see cref="AuthorContextRestorer"/>).</summary>
public sealed class AuthorContextStartup(AuthorLocationContext context, IPostStore store, TimeProvider time,
    ILogger<AuthorContextStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (context.Window <= TimeSpan.Zero)
        {
            logger.LogInformation("Same-author context is off (Geolocation:AuthorContext:WindowHours = 0)");
            return;
        }
        var started = time.GetTimestamp();
        int remembered;
        try
        {
            remembered = await AuthorContextRestorer.RestoreAsync(context, store, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without the memory, posts are placed from their own content only: not worth failing the start.
            logger.LogError(e, "Same-author context could not be restored from the store; starting with an empty memory");
            return;
        }
        logger.LogInformation("Same-author context: {Authors} authors restored from {Reports} stored reports of the last {Hours} h in {Ms:F0} ms",
            context.Count, remembered, context.Window.TotalHours, time.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
