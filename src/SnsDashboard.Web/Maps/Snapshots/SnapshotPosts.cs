using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>The posts a snapshot draws: the live map's selection (relevant, located, in the time
/// window, accepted by the spatial filter), newest first, at most <see cref="Limit"/> (as many as the live map holds).</summary>
public static class SnapshotPosts
{
    public const int Limit = SnsDashboard.Web.Components.Pages.LiveMap.MapMarkers.DefaultCapacity;
    private static readonly PostFilter MapFilter = new() { RelevantOnly = true, LocatedOnly = true };

    public static async Task<IReadOnlyList<AnalysedPost>> LoadAsync(IPostStore store, SpatialContext spatial, MapSnapshotView view, CancellationToken ct)
    {
        var posts = await store.QueryAsync(MapFilter.ToQuery(view.From, view.To, Limit), ct);
        return view.Filter is not { IsEmpty: false } f ? posts : posts.Where(p => Accepted(f, spatial, p)).ToList();
    }

    private static bool Accepted(SpatialFilter f, SpatialContext spatial, AnalysedPost p) =>
        p.Analysis.Location is { } loc && f.Matches(f.WithinMetresOfShelter is { } m
            ? spatial.Join(loc.Lat, loc.Lon, shelterCount: 50, shelterRadiusMetres: m)
            : spatial.Join(loc.Lat, loc.Lon, shelterCount: 0));
}
