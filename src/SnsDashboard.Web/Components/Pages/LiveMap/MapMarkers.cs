using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Web.Components.Shared;

namespace SnsDashboard.Web.Components.Pages.LiveMap;

/// <summary>
/// The posts currently on one map (one circuit): assigns marker ids, keeps the post behind each
/// marker for the details panel, and projects posts to the compact shape the JS module draws.
/// Bounded: beyond <c>capacity</c> the oldest markers are dropped from the map.
/// </summary>
public sealed class MapMarkers(int capacity = 50_000)
{
    private readonly Dictionary<int, AnalysedPost> _byId = [];
    private readonly Dictionary<PostKey, int> _idByKey = [];
    private readonly Queue<int> _order = new();
    private int _nextId;
    private List<(int Id, AnalysedPost Post)>? _newest;
    private int _newestCount;

    public int Count => _byId.Count;

    public AnalysedPost? Get(int id) => _byId.GetValueOrDefault(id);

    public void Clear()
    {
        _byId.Clear();
        _idByKey.Clear();
        _order.Clear();
        _newest = null;
    }

    /// <summary>The marker id of a post on the map, if it is there.</summary>
    public int? IdOf(PostKey key) => _idByKey.TryGetValue(key, out var id) ? id : null;

    /// <summary>The most recently added markers, newest first (the list beside the map).</summary>
    public IReadOnlyList<(int Id, AnalysedPost Post)> Newest(int count)
    {
        // Cached until the markers change: the panel re-renders far more often than they do.
        if (_newest is not null && _newestCount == count) return _newest;
        var ids = _order.ToArray();
        _newest = new(Math.Min(count, _byId.Count));
        _newestCount = count;
        for (var i = ids.Length - 1; i >= 0 && _newest.Count < count; i--)
            if (_byId.TryGetValue(ids[i], out var p)) _newest.Add((ids[i], p));
        return _newest;
    }

    private void Forget(int id, AnalysedPost p)
    {
        _byId.Remove(id);
        if (_idByKey.TryGetValue(p.Post.Key, out var current) && current == id) _idByKey.Remove(p.Post.Key);
    }

    /// <summary>Adds the located posts; returns the markers to draw and the ids evicted. A post
    /// already on the map (an edit arriving again) replaces its marker, so one post is never
    /// counted twice in a cluster.</summary>
    public (List<MapMarker> Added, List<int> Evicted) Add(IEnumerable<AnalysedPost> posts, Func<string?, string> categoryLabel)
    {
        var added = new List<MapMarker>();
        var evicted = new List<int>();
        _newest = null;
        foreach (var p in posts)
        {
            if (p.Analysis.Location is not { } loc) continue;
            if (_idByKey.TryGetValue(p.Post.Key, out var previous))
            {
                _byId.Remove(previous);
                if (added.RemoveAll(m => m.Id == previous) == 0) evicted.Add(previous);
            }
            int id = ++_nextId;
            _byId[id] = p;
            _idByKey[p.Post.Key] = id;
            _order.Enqueue(id);
            var category = CategoryPalette.PrimaryCategory(p.Analysis.Categories);
            added.Add(new MapMarker(
                id, Math.Round(loc.Lat, 6), Math.Round(loc.Lon, 6), CategoryPalette.For(category), categoryLabel(category),
                p.Post.CreatedAt.ToUnixTimeMilliseconds(), p.IngestedAt.ToUnixTimeMilliseconds(),
                Snippet(p.Post.Text), GradeText(p.Analysis), UiLabels.JstShort(p.Post.CreatedAt), PrecisionMetres(loc)));
        }
        while (_order.Count > capacity && _order.TryDequeue(out var old))
            if (_byId.Remove(old, out var oldPost))
            {
                Forget(old, oldPost);
                if (added.RemoveAll(m => m.Id == old) == 0) evicted.Add(old);
            }
        return (added, evicted);
    }

    /// <summary>Removes markers created before <paramref name="cutoff"/> (sliding window).</summary>
    public List<int> RemoveOlderThan(DateTimeOffset cutoff)
    {
        var removed = new List<int>();
        foreach (var (id, p) in _byId)
            if (p.Post.CreatedAt < cutoff) removed.Add(id);
        foreach (var id in removed) Forget(id, _byId[id]);
        if (removed.Count > 0) _newest = null;
        return removed;
    }

    /// <summary>"B2", with a warning sign when the post's claim was disputed or debunked at
    /// analysis time (the details panel shows the live status).</summary>
    internal static string GradeText(PostAnalysis a) =>
        a.ClaimStatus is ClaimStatuses.Disputed or ClaimStatuses.Debunked ? a.Reliability.Code + " ⚠" : a.Reliability.Code;

    /// <summary>How far the true place may be from the drawn point: 0 for a geotag or a landmark
    /// (drawn as a pin), else a radius the map draws as a circle so that a post placed only at its
    /// municipality's office does not read as an exact pin.</summary>
    public static int PrecisionMetres(PostLocation loc) => loc.Level switch
    {
        LocationLevels.Exact => loc.Source == "geotag" ? 0 : 100,
        LocationLevels.Landmark => 0,
        LocationLevels.Town => 700,
        LocationLevels.Municipality => 5_000,
        _ => 30_000,
    };

    private static string Snippet(string text) => text.Length <= 140 ? text : text[..140] + "…";
}

/// <summary>What JS needs to draw one marker and its popup. Text goes into the DOM with
/// textContent on the JS side, never as HTML.</summary>
public sealed record MapMarker(int Id, double Lat, double Lon, string Colour, string Category, long CreatedMs,
    long IngestedMs, string Text, string Grade, string Time, int PrecisionM = 0);
