using System.Text;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Maps;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Api;

/// <summary><c>GET /api/posts/export.csv?&lt;shared filter&gt;&amp;hours=24</c>: the posts the map and
/// the feed show under the same filter (the URL query both pages carry), as CSV.</summary>
public static class PostExportEndpoints
{
    public const int MaxRows = 50_000;

    public static IEndpointRouteBuilder MapPostExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/posts/export.csv", async (HttpContext http, int? hours, IPostStore store, SpatialContextHolder spatial, TimeProvider time, CancellationToken ct) =>
        {
            var span = TimeSpan.FromHours(Math.Clamp(hours ?? 24, 1, 24 * 30));
            var layers = await spatial.GetAsync(ct);
            var filter = SharedPostFilter.Parse(http.Request.QueryString.Value).ToPostFilter(layers);
            var now = time.GetUtcNow();
            var posts = await FilteredPosts.QueryAsync(store, filter, layers, now - span, null, MaxRows, ct);
            var csv = new StringWriter();
            PostCsv.Write(csv, posts);
            var name = $"posts-{now.ToOffset(TimeSpan.FromHours(9)):yyyyMMdd-HHmm}.csv";
            return Results.File(new UTF8Encoding(false).GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
        }).RequireAuthorization(DashboardPolicies.Operator);
        return app;
    }
}
