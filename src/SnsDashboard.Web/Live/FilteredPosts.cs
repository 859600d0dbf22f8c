using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Live;

/// <summary>
/// Reads the posts a <see cref="PostFilter"/> selects, newest first, for the map, the feed and the
/// CSV export alike. The spatial part of a filter cannot be said in SQL: the store returns up to
/// <c>candidateLimit</c> candidates and the joins stored with each post (filled in for records
/// older than the join stage) narrow them to <c>limit</c>.
/// </summary>
public static class FilteredPosts
{
    public static async Task<IReadOnlyList<AnalysedPost>> QueryAsync(IPostStore store, PostFilter filter, SpatialContext layers,
        DateTimeOffset from, DateTimeOffset? to, int limit, int candidateLimit, CancellationToken ct = default)
    {
        bool spatial = filter.Spatial is { IsEmpty: false };
        var rows = await store.QueryAsync(filter.ToQuery(from, to, spatial ? Math.Max(limit, candidateLimit) : limit), ct);
        var joined = rows.Select(p => SpatialJoinStage.WithJoin(p, layers));
        return (spatial ? joined.Where(filter.Matches).Take(limit) : joined).ToList();
    }
}
