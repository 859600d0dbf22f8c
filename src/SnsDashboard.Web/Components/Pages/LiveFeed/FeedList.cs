using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Components.Pages.LiveFeed;

/// <summary>
/// The feed's rows: newest first, bounded. While paused, arriving posts wait in a bounded
/// backlog (counted on screen) and are merged in on resume, so a reading operator's list
/// does not move under them.
/// </summary>
public sealed class FeedList(int capacity = 1_000)
{
    private List<AnalysedPost> _rows = [];
    private readonly List<AnalysedPost> _backlog = [];

    public IReadOnlyList<AnalysedPost> Rows => _rows;
    public bool Paused { get; private set; }
    public int Waiting => _backlog.Count;

    public void Reset(IEnumerable<AnalysedPost> newestFirst)
    {
        _rows = newestFirst.Take(capacity).ToList();
        _backlog.Clear();
    }

    public void Add(IReadOnlyList<AnalysedPost> batch)
    {
        if (Paused)
        {
            _backlog.AddRange(batch);
            if (_backlog.Count > capacity) _backlog.RemoveRange(0, _backlog.Count - capacity);
            return;
        }
        Merge(batch);
    }

    /// <summary>Drops posts deleted at their source from the rows and the paused backlog.</summary>
    public int Remove(IReadOnlySet<PostKey> deleted)
    {
        // A new list, not an in-place edit: the grid re-renders when its Data changes.
        var kept = _rows.Where(p => !deleted.Contains(p.Post.Key)).ToList();
        int removed = _rows.Count - kept.Count;
        if (removed > 0) _rows = kept;
        return removed + _backlog.RemoveAll(p => deleted.Contains(p.Post.Key));
    }

    /// <summary>Gives rows of changed claims their new status (rows are replaced, so the grid
    /// re-renders them); returns how many rows changed. Applies while paused too: a debunked
    /// rumour must not keep looking unverified under a reading operator's eyes.</summary>
    public int ApplyClaimStatuses(IReadOnlyDictionary<string, string> statusByClaim)
    {
        var rows = _rows.ToList();
        int changed = Apply(rows, statusByClaim);
        if (changed > 0) _rows = rows;
        Apply(_backlog, statusByClaim);
        return changed;
    }

    private static int Apply(List<AnalysedPost> rows, IReadOnlyDictionary<string, string> statusByClaim)
    {
        int changed = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var a = rows[i].Analysis;
            if (a.ClaimId is not { } claim || !statusByClaim.TryGetValue(claim, out var status) || status == a.ClaimStatus) continue;
            rows[i] = rows[i] with { Analysis = a with { ClaimStatus = status } };
            changed++;
        }
        return changed;
    }

    public void Pause() => Paused = true;

    public void Resume()
    {
        Paused = false;
        Merge(_backlog);
        _backlog.Clear();
    }

    private void Merge(IReadOnlyList<AnalysedPost> batch)
    {
        if (batch.Count == 0) return;
        var merged = new List<AnalysedPost>(Math.Min(capacity, _rows.Count + batch.Count));
        merged.AddRange(batch.OrderByDescending(p => p.Post.CreatedAt));
        // A post already listed (an edit, or one both loaded and received live) is listed once, as its newest version.
        var arrived = batch.Select(p => p.Post.Key).ToHashSet();
        merged.AddRange(_rows.Where(r => !arrived.Contains(r.Post.Key)));
        merged.Sort((a, b) => b.Post.CreatedAt.CompareTo(a.Post.CreatedAt));
        if (merged.Count > capacity) merged.RemoveRange(capacity, merged.Count - capacity);
        _rows = merged;
    }
}
