using SnsDashboard.Core.Analysis;

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
        merged.AddRange(_rows);
        merged.Sort((a, b) => b.Post.CreatedAt.CompareTo(a.Post.CreatedAt));
        if (merged.Count > capacity) merged.RemoveRange(capacity, merged.Count - capacity);
        _rows = merged;
    }
}
