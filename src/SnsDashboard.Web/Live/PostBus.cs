using System.Globalization;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Pipeline;

namespace SnsDashboard.Web.Live;

/// <summary>
/// The in-process live bus. The pipeline publishes stored batches; each subscriber (a circuit,
/// a hub connection) gets the posts that match its filter, batched on a timer. A slow
/// subscriber never slows the pipeline or other subscribers: its buffer is bounded and its
/// callback exceptions stay with it.
/// </summary>
public sealed class PostBus : IAnalysedPostPublisher, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly ILogger<PostBus> _logger;
    private readonly int _maxPending;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private long _dropped;
    private int _disposed;

    public PostBus(IOptions<LiveOptions> options, ILogger<PostBus> logger, TimeProvider time)
    {
        _logger = logger;
        _maxPending = options.Value.MaxPendingPerSubscriber;
        _flusher = FlushLoopAsync(TimeSpan.FromMilliseconds(options.Value.BatchIntervalMs), time, _stop.Token);
    }

    public int SubscriberCount { get { lock (_lock) return _subscriptions.Count; } }
    public long DroppedForSlowSubscribers => Interlocked.Read(ref _dropped);

    public IDisposable Subscribe(PostFilter filter, Func<IReadOnlyList<AnalysedPost>, Task> onBatch)
    {
        var s = new Subscription(this, filter, onBatch);
        lock (_lock) _subscriptions.Add(s);
        return s;
    }

    public void Publish(IReadOnlyList<AnalysedPost> batch)
    {
        Subscription[] subs;
        lock (_lock) subs = [.. _subscriptions];
        foreach (var s in subs) s.Offer(batch, _maxPending);
    }

    private void Remove(Subscription s)
    {
        lock (_lock) _subscriptions.Remove(s);
    }

    private async Task FlushLoopAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Subscription[] subs;
                lock (_lock) subs = [.. _subscriptions];
                foreach (var s in subs) s.Flush();
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _flusher;
        _stop.Dispose();
    }

    private sealed class Subscription(PostBus bus, PostFilter filter, Func<IReadOnlyList<AnalysedPost>, Task> onBatch) : IDisposable
    {
        // Batches are delivered from the bus's timer, not from the subscriber's circuit: without
        // the subscriber's own culture, live re-renders would fall back to the default language.
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
        private readonly Lock _lock = new();
        private List<AnalysedPost> _pending = [];
        private Task _inFlight = Task.CompletedTask;
        private volatile bool _disposed;

        public void Offer(IReadOnlyList<AnalysedPost> batch, int maxPending)
        {
            if (_disposed) return;
            lock (_lock)
            {
                foreach (var p in batch)
                    if (filter.Matches(p)) _pending.Add(p);
                int over = _pending.Count - maxPending;
                if (over > 0)
                {
                    _pending.RemoveRange(0, over);
                    Interlocked.Add(ref bus._dropped, over);
                }
            }
        }

        public void Flush()
        {
            if (_disposed || !_inFlight.IsCompleted) return; // one batch in flight per subscriber
            List<AnalysedPost> items;
            lock (_lock)
            {
                if (_pending.Count == 0) return;
                items = _pending;
                _pending = [];
            }
            _inFlight = DeliverAsync(items);
        }

        private async Task DeliverAsync(List<AnalysedPost> items)
        {
            // Async-local: reverted for the timer loop when this method returns.
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            try { await onBatch(items); }
            catch (Exception e) { bus._logger.LogWarning(e, "A live subscriber failed to take a batch of {Count}", items.Count); }
        }

        public void Dispose()
        {
            _disposed = true;
            bus.Remove(this);
        }
    }
}
