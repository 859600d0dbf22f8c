using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>The posts a snapshot draws: what the live map shows for the same view — located posts
/// in the time window accepted by the whole shared filter (categories, hazards, grades, sources,
/// text, relevant-only, spatial), read the way the map reads them (<see cref="FilteredPosts"/>),
/// newest first, at most <see cref="Limit"/> (as many as the live map holds).</summary>
public static class SnapshotPosts
{
    public const int Limit = SnsDashboard.Web.Components.Pages.LiveMap.MapMarkers.DefaultCapacity;

    public static Task<IReadOnlyList<AnalysedPost>> LoadAsync(IPostStore store, SpatialContext spatial, MapSnapshotView view, CancellationToken ct) =>
        FilteredPosts.QueryAsync(store, view.Filter.ToMapFilter(spatial), spatial, view.From, view.To, Limit, ct);
}
