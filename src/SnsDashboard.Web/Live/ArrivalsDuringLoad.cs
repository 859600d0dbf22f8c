using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Web.Live;

/// <summary>
/// Live posts that reach a view while it (re)loads from the store. A view subscribes to the bus
/// before its query, so a post stored while the query runs is not lost between the two: the
/// subscription holds such posts here and the view adds them after the loaded ones (its list
/// keeps one entry per post, so a post both loaded and held is shown once). Used on the
/// circuit's synchronisation context only, so it needs no lock.
/// </summary>
public sealed class ArrivalsDuringLoad
{
    private List<AnalysedPost>? _held;

    /// <summary>A load starts: live posts are held from now on.</summary>
    public void Begin() => _held = [];

    /// <summary>Holds <paramref name="posts"/> if a load is running; false means "show them now".</summary>
    public bool TryHold(IEnumerable<AnalysedPost> posts)
    {
        if (_held is null) return false;
        _held.AddRange(posts);
        return true;
    }

    /// <summary>The load is over: returns what was held (empty if nothing, or if no load was running).</summary>
    public List<AnalysedPost> End()
    {
        var held = _held ?? [];
        _held = null;
        return held;
    }
}
