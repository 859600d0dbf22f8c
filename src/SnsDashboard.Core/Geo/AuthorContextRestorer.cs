using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Core.Geo;

/// <summary>
/// Rebuilds the same-author memory from the store at start-up, so a report written just before a
/// restart still places the author's next posts: the relevant posts of the last window located at
/// town level or finer, read newest first up to the memory's capacity and remembered oldest first
/// (the order the live stream would have seen them).
/// </summary>
public static class AuthorContextRestorer
{
    /// <summary>Posts per store query (the SQLite store caps a query at 100,000).</summary>
    internal const int PageSize = 20_000;

    /// <summary>Returns how many stored reports were remembered.</summary>
    public static Task<int> RestoreAsync(AuthorLocationContext context, IPostStore store, DateTimeOffset now, CancellationToken ct = default) =>
        RestoreAsync(context, store, now, PageSize, ct);

    internal static async Task<int> RestoreAsync(AuthorLocationContext context, IPostStore store, DateTimeOffset now, int pageSize, CancellationToken ct)
    {
        if (context.Window <= TimeSpan.Zero) return 0;
        // Newest first, in pages (a store caps one query), until the memory's capacity is read: one
        // report per author is kept, and the newest are the ones the live memory would still hold.
        var pages = new List<IReadOnlyList<AnalysedPost>>();
        var query = new PostQuery
        {
            From = now - context.Window,
            Relevant = true,
            LocatedOnly = true,
            LocationLevels = AuthorLocationContext.RememberedLevels,
        };
        for (int read = 0; read < context.Capacity;)
        {
            int limit = Math.Min(pageSize, context.Capacity - read);
            var page = await store.QueryAsync(query with { Limit = limit }, ct).ConfigureAwait(false);
            if (page.Count > 0) pages.Add(page);
            read += page.Count;
            if (page.Count < limit) break;
            // Strictly older than this page (posts of the very same millisecond as its last are skipped).
            query = query with { To = page[^1].Post.CreatedAt };
        }
        int remembered = 0;
        for (int p = pages.Count - 1; p >= 0; p--)
            for (int i = pages[p].Count - 1; i >= 0; i--)
                if (context.Remember(pages[p][i].Post, pages[p][i].Analysis.Location)) remembered++;
        return remembered;
    }
}
