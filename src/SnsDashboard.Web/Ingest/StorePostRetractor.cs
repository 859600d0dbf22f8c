using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Ingest;

/// <summary>
/// Deletes retracted posts from the store. A deletion can overtake its post (still in the ingest
/// queue or in a store batch), so the delete is repeated once after <see cref="SecondPassDelay"/>.
/// Whichever pass removes the row tells open views through the live bus (they hold only stored
/// posts). Failures are logged, never thrown into the source.
/// </summary>
public sealed class StorePostRetractor(IPostDeleter deleter, PostBus bus, TimeProvider time, ILogger<StorePostRetractor> logger) : IPostRetractor
{
    public static readonly TimeSpan SecondPassDelay = TimeSpan.FromSeconds(10);
    private long _retracted;

    public long Retracted => Interlocked.Read(ref _retracted);

    public async ValueTask RetractAsync(PostKey key, CancellationToken ct)
    {
        Interlocked.Increment(ref _retracted);
        await DeleteAsync(key, ct);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(SecondPassDelay, time, ct);
                await DeleteAsync(key, ct);
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
    }

    private async Task DeleteAsync(PostKey key, CancellationToken ct)
    {
        try
        {
            if (await deleter.DeleteAsync(key, ct)) bus.PublishDeleted([key]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Deleting retracted post {Key} failed: {Error}", key, e.Message);
        }
    }
}
