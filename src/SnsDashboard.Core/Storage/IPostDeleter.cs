using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Storage;

/// <summary>Removes single posts the author deleted at the source (Mastodon <c>delete</c>,
/// Jetstream delete commits, webhook DELETE). A separate interface from <see cref="IPostStore"/>
/// so stores that cannot delete are visible at registration, not at run time.</summary>
public interface IPostDeleter
{
    /// <summary>Deletes the post with its side rows. True when a row was removed.</summary>
    Task<bool> DeleteAsync(PostKey key, CancellationToken ct = default);
}
