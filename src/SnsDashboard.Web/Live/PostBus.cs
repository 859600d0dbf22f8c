using System.Globalization;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Live;

/// <summary>
/// The in-process live bus. The pipeline publishes stored batches; each subscriber (a circuit,
/// a hub connection) gets the posts that match its filter, batched on a timer. A slow
/// subscriber never slows the pipeline or other subscribers: its buffer is bounded and its
/// callback exceptions stay with it. Changes to posts already shown (deletions at the source,
/// claim status changes) travel the same way, after the posts of the same tick.
/// </summary>
public sealed class PostBus : IAnalysedPostPublisher, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly ILogger<PostBus> _logger;
    private readonly int _maxPending;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private readonly RecentlyDeletedPosts _deleted = new();
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

    public IDisposable Subscribe(PostFilter filter, Func<IReadOnlyList<AnalysedPost>, Task> onBatch,
        Func<LiveChanges, Task>? onChanges = null)
    {
        var s = new Subscription(this, filter, onBatch, onChanges);
        lock (_lock) _subscriptions.Add(s);
        return s;
    }

    public void Publish(IReadOnlyList<AnalysedPost> batch)
    {
        if (_deleted.Count > 0 && batch.Any(p => _deleted.Contains(p.Post.Key)))
            batch = batch.Where(p => !_deleted.Contains(p.Post.Key)).ToList();
        Subscription[] subs;
        lock (_lock) subs = [.. _subscriptions];
        foreach (var s in subs) s.Offer(batch, _maxPending);
    }

    /// <summary>Posts deleted at their source (already removed from the store): views drop them.</summary>
    public void PublishDeleted(IReadOnlyList<PostKey> keys)
    {
        if (keys.Count == 0) return;
        _deleted.Add(keys);
        Subscription[] subs;
        lock (_lock) subs = [.. _subscriptions];
        foreach (var s in subs) s.OfferChange(keys, null);
    }

    /// <summary>A claim's status changed (pipeline or operator): views restyle its posts.</summary>
    public void PublishClaimStatus(ClaimStatusChange change)
    {
        Subscription[] subs;
        lock (_lock) subs = [.. _subscriptions];
        foreach (var s in subs) s.OfferChange(null, change);
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

    private sealed class Subscription(PostBus bus, PostFilter filter, Func<IReadOnlyList<AnalysedPost>, Task> onBatch,
        Func<LiveChanges, Task>? onChanges) : IDisposable
    {
        // Batches are delivered from the bus's timer, not from the subscriber's circuit: without
        // the subscriber's own culture, live re-renders would fall back to the default language.
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
        private readonly Lock _lock = new();
        private List<AnalysedPost> _pending = [];
        private List<PostKey> _pendingDeleted = [];
        private List<ClaimStatusChange> _pendingClaims = [];
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

        public void OfferChange(IReadOnlyList<PostKey>? deleted, ClaimStatusChange? claim)
        {
            if (_disposed || onChanges is null) return;
            lock (_lock)
            {
                if (deleted is not null)
                {
                    // A deleted post still waiting here is simply never delivered.
                    var set = deleted.ToHashSet();
                    _pending.RemoveAll(p => set.Contains(p.Post.Key));
                    _pendingDeleted.AddRange(deleted);
                }
                if (claim is not null) _pendingClaims.Add(claim);
                // Bounded like posts; a view that missed changes is corrected on its next reload.
                if (_pendingClaims.Count > MaxChanges) _pendingClaims.RemoveRange(0, _pendingClaims.Count - MaxChanges);
                if (_pendingDeleted.Count > MaxChanges) _pendingDeleted.RemoveRange(0, _pendingDeleted.Count - MaxChanges);
            }
        }

        private int MaxChanges => Math.Max(1_000, bus._maxPending);

        public void Flush()
        {
            if (_disposed || !_inFlight.IsCompleted) return; // one batch in flight per subscriber
            List<AnalysedPost> items;
            LiveChanges? changes = null;
            lock (_lock)
            {
                if (_pending.Count == 0 && _pendingDeleted.Count == 0 && _pendingClaims.Count == 0) return;
                items = _pending;
                _pending = [];
                if (_pendingDeleted.Count > 0 || _pendingClaims.Count > 0)
                {
                    changes = new LiveChanges(_pendingDeleted, _pendingClaims);
                    _pendingDeleted = [];
                    _pendingClaims = [];
                }
            }
            _inFlight = DeliverAsync(items, changes);
        }

        private async Task DeliverAsync(List<AnalysedPost> items, LiveChanges? changes)
        {
            // Async-local: reverted for the timer loop when this method returns.
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            try
            {
                if (items.Count > 0) await onBatch(items);
                // After the posts: a post stored and deleted within one tick arrives, then leaves.
                if (changes is not null) await onChanges!(changes);
            }
            catch (Exception e) { bus._logger.LogWarning(e, "A live subscriber failed to take a batch of {Count}", items.Count); }
        }

        public void Dispose()
        {
            _disposed = true;
            bus.Remove(this);
        }
    }
}
