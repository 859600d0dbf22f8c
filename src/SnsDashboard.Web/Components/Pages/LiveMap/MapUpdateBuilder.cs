namespace SnsDashboard.Web.Components.Pages.LiveMap;

/// <summary>
/// Collects what one live update does to the drawn markers, in the order it happened, and nets
/// it into the one message the browser applies (<see cref="MapUpdate"/>): a marker added and
/// removed within the update is never drawn, a restyle of a removed marker is dropped, and the
/// last style of a marker wins.
/// </summary>
public sealed class MapUpdateBuilder
{
    private readonly List<int> _remove = [];
    private readonly List<MapMarker> _add = [];
    private readonly HashSet<int> _addedIds = [];
    private readonly Dictionary<int, MarkerClaimUpdate> _styles = [];

    /// <summary>New markers; those whose claim status is worth a mark get its style.</summary>
    public void Added(IEnumerable<MapMarker> markers)
    {
        var list = markers.ToList();
        _add.AddRange(list);
        foreach (var m in list) _addedIds.Add(m.Id);
        Styled(MapMarkers.NotableClaimStyles(list));
    }

    /// <summary>Markers that leave the map (evicted, out of the window, deleted at the source).</summary>
    public void Removed(IEnumerable<int> ids)
    {
        foreach (var id in ids)
        {
            _styles.Remove(id);
            // Added earlier in this update: simply not drawn. Otherwise the browser removes it.
            if (!_addedIds.Remove(id)) _remove.Add(id);
        }
    }

    /// <summary>Markers whose claim changed status.</summary>
    public void Styled(IEnumerable<MarkerClaimUpdate> updates)
    {
        foreach (var u in updates) _styles[u.Id] = u;
    }

    public MapUpdate Build() => new(_remove, _add.Count == _addedIds.Count ? _add : _add.Where(m => _addedIds.Contains(m.Id)).ToList(), [.. _styles.Values]);
}

/// <summary>One live update of the drawn map, applied by the browser in this order: remove,
/// add, restyle. Property names are the JS module's.</summary>
public sealed record MapUpdate(IReadOnlyList<int> Remove, IReadOnlyList<MapMarker> Add, IReadOnlyList<MarkerClaimUpdate> Claims)
{
    public bool IsEmpty => Remove.Count == 0 && Add.Count == 0 && Claims.Count == 0;
}
