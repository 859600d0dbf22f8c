using SnsDashboard.Core.Posts;

namespace SnsDashboard.Web.Live;

/// <summary>
/// The keys of the posts deleted most recently, bounded (oldest forgotten first). The store
/// publishes a stored batch just after committing it, so a deletion can land between the two:
/// the bus drops such posts instead of showing a post that no longer exists. Thread-safe.
/// </summary>
public sealed class RecentlyDeletedPosts(int capacity = 10_000)
{
    private readonly HashSet<PostKey> _keys = [];
    private readonly Queue<PostKey> _order = new();
    private readonly Lock _lock = new();

    public void Add(IEnumerable<PostKey> keys)
    {
        lock (_lock)
            foreach (var k in keys)
            {
                if (!_keys.Add(k)) continue;
                _order.Enqueue(k);
                while (_order.Count > capacity && _order.TryDequeue(out var old)) _keys.Remove(old);
            }
    }

    public bool Contains(PostKey key)
    {
        lock (_lock) return _keys.Count > 0 && _keys.Contains(key);
    }

    public int Count { get { lock (_lock) return _keys.Count; } }
}
