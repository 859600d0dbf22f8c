using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Ingest;

/// <summary>
/// The (source, source_post_id) keys seen most recently, with the edited_at of the version
/// seen, bounded to <c>capacity</c> keys (oldest forgotten first). Thread-safe. The store's
/// unique key remains the final guard for keys that fell out of the window.
/// </summary>
internal sealed class RecentKeySet(int capacity)
{
    private readonly Dictionary<PostKey, long> _edited = new(Math.Min(capacity, 1 << 20));
    private readonly Queue<PostKey> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True if the post is new, or a newer edit of a known post; records it.</summary>
    public bool TryAdd(PostKey key, DateTimeOffset? editedAt)
    {
        long version = editedAt?.UtcTicks ?? 0;
        lock (_lock)
        {
            if (_edited.TryGetValue(key, out var seen))
            {
                if (version <= seen) return false;
                _edited[key] = version;
                return true;
            }
            _edited[key] = version;
            _order.Enqueue(key);
            while (_order.Count > capacity && _order.TryDequeue(out var old)) _edited.Remove(old);
            return true;
        }
    }

    /// <summary>Forgets a key whose post was shed, so a re-send is accepted.</summary>
    public void Forget(PostKey key)
    {
        lock (_lock) _edited.Remove(key); // its queue slot is dropped lazily on eviction
    }
}
