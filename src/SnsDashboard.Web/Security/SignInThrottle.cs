using System.Collections.Concurrent;

namespace SnsDashboard.Web.Security;

/// <summary>Slows password guessing: after <see cref="MaxFailures"/> failed attempts for one user
/// name, further attempts for that name are refused until <see cref="LockoutTime"/> has passed
/// since the last failure. A success clears the count.</summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(1);
    private const int MaxTrackedNames = 10_000; // bounded: random names must not grow memory

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last)> _failures = new(StringComparer.Ordinal);

    public bool IsLockedOut(string name) =>
        _failures.TryGetValue(name, out var f) && f.Failures >= MaxFailures && time.GetUtcNow() - f.Last < LockoutTime;

    public void RecordFailure(string name)
    {
        if (_failures.Count >= MaxTrackedNames) Prune();
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(name, (1, now), (_, f) => (now - f.Last >= LockoutTime ? 1 : f.Failures + 1, now));
    }

    public void RecordSuccess(string name) => _failures.TryRemove(name, out _);

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (name, f) in _failures)
            if (now - f.Last >= LockoutTime) _failures.TryRemove(name, out _);
    }
}
