using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Live;

/// <summary>
/// What changed about posts a view may already show, delivered on the bus beside new posts:
/// posts deleted at their source (they must leave the map and feed at once) and claim status
/// changes (a rumour became debunked after a denial: its posts' markers and rows change style).
/// Sent to every subscriber whatever its filter: the keys and claim ids carry no post content.
/// </summary>
public sealed record LiveChanges(IReadOnlyList<PostKey> Deleted, IReadOnlyList<ClaimStatusChange> ClaimStatuses)
{
    /// <summary>The deleted keys as a set, for views that look up their rows by key.</summary>
    public IReadOnlySet<PostKey> DeletedSet => _deletedSet ??= Deleted.ToHashSet();
    private HashSet<PostKey>? _deletedSet;

    /// <summary>The latest status per claim in this delivery (a claim can change twice in one batch).</summary>
    public IReadOnlyDictionary<string, string> LatestStatusByClaim =>
        _latest ??= ClaimStatuses.GroupBy(c => c.ClaimId).ToDictionary(g => g.Key, g => g.Last().To);
    private Dictionary<string, string>? _latest;
}
