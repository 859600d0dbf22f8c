using System.Diagnostics;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Web.Live;

/// <summary>
/// The live deliveries (new posts, changes to shown posts) waiting for one view. The view applies
/// one update at a time; whatever the bus delivers meanwhile is merged into ONE pending update, so
/// a view slower than the bus catches up in a single step instead of falling further behind
/// batch by batch. Nothing is dropped, and the order of posts and changes is kept (a post
/// delivered and then deleted is added, then removed). Deliveries come from the bus's timer, the
/// view drains on its circuit: every member is thread-safe.
/// </summary>
public sealed class LiveUpdateQueue
{
    private readonly Lock _lock = new();
    private List<LiveUpdateStep> _steps = [];
    private int _deliveries;
    private long _firstOfferedAt;
    private bool _draining;

    /// <summary>Queues new posts. True: nobody is draining, the caller must start (see <see cref="TakeNext"/>).</summary>
    public bool Offer(IReadOnlyList<AnalysedPost> posts) => posts.Count > 0 && Offer(new LiveUpdateStep(posts, null));

    /// <summary>Queues changes to shown posts. True: the caller must start draining.</summary>
    public bool Offer(LiveChanges changes) =>
        (changes.Deleted.Count > 0 || changes.ClaimStatuses.Count > 0) && Offer(new LiveUpdateStep(null, changes));

    private bool Offer(LiveUpdateStep step)
    {
        lock (_lock)
        {
            if (_steps.Count == 0) _firstOfferedAt = Stopwatch.GetTimestamp();
            _deliveries++;
            // Same kind as the last step: one longer step. Another kind: a new step after it.
            if (_steps.Count > 0 && _steps[^1].Merge(step) is { } merged) _steps[^1] = merged;
            else _steps.Add(step);
            if (_draining) return false;
            _draining = true;
            return true;
        }
    }

    /// <summary>
    /// The drainer takes everything queued as one update, or null when nothing is left — and
    /// then stops being the drainer, so the next offer starts a new one (no delivery is left
    /// waiting with nobody to take it).
    /// </summary>
    public LiveUpdate? TakeNext()
    {
        lock (_lock)
        {
            if (_steps.Count == 0)
            {
                _draining = false;
                return null;
            }
            var update = new LiveUpdate(_steps, _deliveries, _firstOfferedAt);
            _steps = [];
            _deliveries = 0;
            return update;
        }
    }
}

/// <summary>Everything delivered since the view's previous update, in delivery order.</summary>
/// <param name="Deliveries">Bus deliveries merged into it (1 when the view kept up).</param>
/// <param name="FirstOfferedAt">Stopwatch timestamp of its first delivery (how long it waited).</param>
public sealed record LiveUpdate(IReadOnlyList<LiveUpdateStep> Steps, int Deliveries, long FirstOfferedAt)
{
    public int PostCount => Steps.Sum(s => s.Posts?.Count ?? 0);
}

/// <summary>New posts or changes to shown posts (exactly one of the two).</summary>
public sealed record LiveUpdateStep(IReadOnlyList<AnalysedPost>? Posts, LiveChanges? Changes)
{
    /// <summary>This step followed by <paramref name="next"/> as one step, when both are of one kind.</summary>
    internal LiveUpdateStep? Merge(LiveUpdateStep next) => (this, next) switch
    {
        ({ Posts: { } a }, { Posts: { } b }) => new LiveUpdateStep([.. a, .. b], null),
        ({ Changes: { } a }, { Changes: { } b }) => new LiveUpdateStep(null,
            new LiveChanges([.. a.Deleted, .. b.Deleted], [.. a.ClaimStatuses, .. b.ClaimStatuses])),
        _ => null,
    };
}
