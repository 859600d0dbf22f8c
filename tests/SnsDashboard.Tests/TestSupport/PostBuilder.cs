using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Tests.TestSupport;

/// <summary>Small builders that keep tests readable.</summary>
internal static class PostBuilder
{
    public static readonly DateTimeOffset T0 = new(2016, 4, 16, 1, 25, 0, TimeSpan.FromHours(9));

    public static Post Make(string id, string text = "テスト投稿", string source = "x", DateTimeOffset? at = null,
        string kind = PostKinds.Original, string? repostOf = null, DateTimeOffset? editedAt = null) => new()
    {
        Source = source,
        SourcePostId = id,
        Text = text,
        CreatedAt = at ?? T0,
        Author = new PostAuthor { Id = "author-" + id },
        Kind = kind,
        RepostOfId = repostOf,
        EditedAt = editedAt,
    };

    public static AnalysedPost Analysed(Post post, PostAnalysis? analysis = null) =>
        new(post, analysis ?? PostAnalysis.Empty, post.CreatedAt);
}
