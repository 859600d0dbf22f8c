using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Live;

/// <summary>
/// Reads the posts a <see cref="PostFilter"/> selects, newest first, for the map, the feed and the
/// CSV export alike. The spatial part of a filter cannot be said in SQL: the store returns up to
/// <see cref="SpatialCandidates"/> candidates and the joins stored with each post (filled in for
/// records older than the join stage) narrow them to <c>limit</c>.
/// </summary>
public static class FilteredPosts
{
    /// <summary>Candidates read for a spatially filtered query of <paramref name="limit"/> posts: twice
    /// the limit, and at least 50,000 so a short list (the feed's 1,000) still finds the posts of a
    /// small zone among the newest.</summary>
    public static int SpatialCandidates(int limit) => Math.Max(2 * limit, 50_000);

    public static async Task<IReadOnlyList<AnalysedPost>> QueryAsync(IPostStore store, PostFilter filter, SpatialContext layers,
        DateTimeOffset from, DateTimeOffset? to, int limit, CancellationToken ct = default)
    {
        bool spatial = filter.Spatial is { IsEmpty: false };
        var rows = await store.QueryAsync(filter.ToQuery(from, to, spatial ? SpatialCandidates(limit) : limit), ct);
        var joined = rows.Select(p => SpatialJoinStage.WithJoin(p, layers));
        return (spatial ? joined.Where(filter.Matches).Take(limit) : joined).ToList();
    }
}
