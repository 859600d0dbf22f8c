using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Live;

namespace SnsDashboard.Tests.Sources;

/// <summary>Runs a live source against the real ingest queue (so de-duplication is the
/// production one) and collects what comes out of the queue.</summary>
internal sealed class LiveSourceHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly Task _drain;

    public LiveSourceHarness(IPostSource source)
    {
        Source = source;
        Metrics = new PipelineMetrics();
        Queue = new IngestQueue(new PipelineOptions { QueueCapacity = 100_000, CriticalWaitMs = 0 }, Metrics, TimeProvider.System, NullLogger<IngestQueue>.Instance);
        _run = Task.Run(() => source.RunAsync(Queue, _stop.Token));
        _drain = Task.Run(async () =>
        {
            try { await foreach (var item in Queue.Reader.ReadAllAsync(_stop.Token)) Posts.Enqueue(item.Post); }
            catch (OperationCanceledException) { }
        });
    }

    public IPostSource Source { get; }
    public IngestQueue Queue { get; }
    public PipelineMetrics Metrics { get; }
    public ConcurrentQueue<Post> Posts { get; } = new();
    public SourceHealth Health => Source.Health;

    public static BackoffOptions FastBackoff => new() { InitialMs = 30, MaxMs = 200, ThrottledInitialMs = 100, ThrottledMaxMs = 400, StableAfterMs = 60_000 };

    public Task<bool> WaitForPostsAsync(int count, int timeoutMs = 10_000) => WaitUntilAsync(() => Posts.Count >= count, timeoutMs);

    public static async Task<bool> WaitUntilAsync(Func<bool> condition, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            await Task.Delay(20);
        }
        return condition();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _run;
        await _drain;
        _stop.Dispose();
    }
}

internal sealed class RecordingRetractor : IPostRetractor
{
    public ConcurrentQueue<PostKey> Retracted { get; } = new();
    public ValueTask RetractAsync(PostKey key, CancellationToken ct) { Retracted.Enqueue(key); return ValueTask.CompletedTask; }
}

internal static class LivePosts
{
    private static int _n;

    public static Post Make(string text = "駅前の道路が冠水して車が動けない #大雨", string? lang = "ja", string? author = null, IReadOnlyList<string>? hashtags = null) => new()
    {
        Source = "scenario",
        SourcePostId = "p" + Interlocked.Increment(ref _n),
        Text = text,
        Lang = lang,
        CreatedAt = DateTimeOffset.UtcNow,
        Author = new PostAuthor { Id = author ?? "resident-" + (_n % 7), Handle = "resident_" + (_n % 7), DisplayName = "住民" },
        Hashtags = hashtags ?? (text.Contains("#大雨") ? ["大雨"] : []),
    };
}
