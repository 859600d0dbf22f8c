using System.Collections.Concurrent;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Claims;

/// <summary>
/// The current view of every recent claim (status, counts), shared between the pipeline (which
/// writes it) and the UI, API and persistence (which read it). Thread-safe. Status changes are
/// also queued for the store and announced through <see cref="Changed"/> so open pages update
/// within seconds, including posts that were shown before the denial arrived.
/// </summary>
/// <remarks>Bounded: at most <c>capacity</c> claim views, the oldest created forgotten first
/// (stored posts keep the status they were analysed with, and the status log keeps every change).
/// Operators' decisions are kept apart and never forgotten while the host runs: they win over the
/// pipeline's status for as long as they stand.</remarks>
public sealed class ClaimStatusBoard(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<string, ClaimView> _views = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, OperatorDecision> _decisions = new();
    private readonly ConcurrentQueue<ClaimStatusChange> _pending = new();
    private const int MaxPending = 100_000;
    // Our own count of _views: ConcurrentDictionary.Count takes every lock, and Put runs once per post.
    private int _count;

    /// <summary>Raised after a claim's status changed (on the thread that changed it).</summary>
    public event Action<ClaimStatusChange>? Changed;

    public int Count => _views.Count;  // exact (UI, tests); Put uses the cheap counter

    public ClaimView? Find(string? claimId) => claimId is not null && _views.TryGetValue(claimId, out var v) ? v : null;

    /// <summary>The claim's current status; <paramref name="analysedWith"/> when the claim is not on the board.</summary>
    public string StatusOf(string? claimId, string analysedWith) =>
        claimId is not null && _decisions.TryGetValue(claimId, out var d) ? d.Status
        : Find(claimId)?.Status ?? analysedWith;

    public OperatorDecision? DecisionFor(string claimId) => _decisions.TryGetValue(claimId, out var d) ? d : null;

    /// <summary>Most recently changed first; for the claims list.</summary>
    public IReadOnlyList<ClaimView> Recent(int limit, Func<ClaimView, bool>? filter = null) =>
        _views.Values.Where(v => filter?.Invoke(v) ?? true).OrderByDescending(v => v.LastAt).Take(limit).ToList();

    /// <summary>Pipeline side: records the claim's latest view; a changed status is queued and announced.</summary>
    public void Put(ClaimView view, ClaimStatusChange? change)
    {
        if (_views.TryAdd(view.ClaimId, view))
        {
            _order.Enqueue(view.ClaimId);
            Interlocked.Increment(ref _count);
            while (Volatile.Read(ref _count) > capacity && _order.TryDequeue(out var oldest))
                if (_views.TryRemove(oldest, out _)) Interlocked.Decrement(ref _count);
        }
        else _views[view.ClaimId] = view;
        if (change is not null) Announce(change);
    }

    /// <summary>Operator side: the latest decision (by timestamp) wins, whatever order racing
    /// requests arrive in. Returns the decision now standing and the one it replaced, so the UI
    /// can say whose decision was overridden; every decision stays in the store's history.</summary>
    public DecisionOutcome Decide(OperatorDecision decision)
    {
        OperatorDecision? replaced = null;
        var current = _decisions.AddOrUpdate(decision.ClaimId, decision, (_, old) =>
        {
            replaced = old.At > decision.At ? null : old;
            return old.At > decision.At ? old : decision;
        });
        if (ReferenceEquals(current, decision))
        {
            string from = replaced?.Status ?? Find(decision.ClaimId)?.Status ?? ClaimStatuses.Unverified;
            if (_views.TryGetValue(decision.ClaimId, out var v)) _views[decision.ClaimId] = v with { Status = decision.Status, StatusReason = decision.Reason };
            Announce(new ClaimStatusChange(decision.ClaimId, from, decision.Status, decision.Reason, decision.At, decision.Operator));
        }
        return new DecisionOutcome(current, ReferenceEquals(current, decision) ? replaced : null);
    }

    /// <summary>Restores decisions from the store at start-up (no announcement, nothing queued).</summary>
    public void Restore(IEnumerable<OperatorDecision> decisions)
    {
        foreach (var d in decisions) _decisions.AddOrUpdate(d.ClaimId, d, (_, old) => old.At > d.At ? old : d);
    }

    /// <summary>Status changes not yet written to the store (drained by the persister).</summary>
    public int DrainPending(List<ClaimStatusChange> into, int max)
    {
        int n = 0;
        while (n < max && _pending.TryDequeue(out var c)) { into.Add(c); n++; }
        return n;
    }

    private void Announce(ClaimStatusChange change)
    {
        if (_pending.Count < MaxPending) _pending.Enqueue(change);
        Changed?.Invoke(change);
    }
}

/// <summary>What the UI needs to know about a claim.</summary>
public sealed record ClaimView(
    string ClaimId, string Status, string? StatusReason, string? Category, string? Place, string Label,
    int Posts, int Copies, int IndependentAuthors, int Contradictions, DateTimeOffset FirstAt, DateTimeOffset LastAt);

/// <summary>One status transition, as persisted: <paramref name="By"/> is "pipeline" or the operator's name.</summary>
public sealed record ClaimStatusChange(string ClaimId, string From, string To, string? Reason, DateTimeOffset At, string By);

/// <summary>An operator's decision on a claim: <see cref="ClaimStatuses.Confirmed"/> or
/// <see cref="ClaimStatuses.Debunked"/> (a rumour), or <see cref="ClaimStatuses.Unverified"/> to withdraw.</summary>
public sealed record OperatorDecision(string ClaimId, string Status, string Operator, DateTimeOffset At, string? Reason = null);

/// <summary><paramref name="Standing"/> is the decision in force after a mark; <paramref name="Replaced"/>
/// the earlier decision it overrode (null when there was none or the mark lost the race).</summary>
public sealed record DecisionOutcome(OperatorDecision Standing, OperatorDecision? Replaced);
