using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Tests.TestSupport;

internal static class TestPosts
{
    public static Post Make(string id, string text, DateTimeOffset? at = null, double? lat = null, double? lon = null, string source = "x") => new()
    {
        Source = source,
        SourcePostId = id,
        Text = text,
        CreatedAt = at ?? DateTimeOffset.UtcNow,
        Author = new PostAuthor { Id = "resident-" + id, Handle = "resident_" + id, DisplayName = "住民 " + id },
        Url = "https://example.invalid/posts/" + id,
        Geo = lat is null ? null : new PostGeo { Lat = lat.Value, Lon = lon!.Value, Kind = "exact" },
    };

    public static AnalysedPost Analysed(Post post, PostAnalysis analysis) => new(post, analysis, post.CreatedAt);

    public const string HostileText = "#救助 <img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> 2階に取り残されています";
}
