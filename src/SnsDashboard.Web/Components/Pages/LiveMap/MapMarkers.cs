using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Web.Components.Shared;

namespace SnsDashboard.Web.Components.Pages.LiveMap;

/// <summary>
/// The posts currently on one map (one circuit): assigns marker ids, keeps the post behind each
/// marker for the details panel, and projects posts to the compact shape the JS module draws.
/// Bounded: beyond <c>capacity</c> the oldest markers are dropped from the map.
/// </summary>
public sealed class MapMarkers(int capacity = MapMarkers.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

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
        _deletedDuringLoad = null;
    }

    // Keys deleted at their source while a load from the store runs: the load's query may predate the deletion.
    private HashSet<PostKey>? _deletedDuringLoad;

    /// <summary>
    /// A load from the store starts: the map is emptied, live posts keep being added while the
    /// store is queried (they are the newest: they need not wait for the load to be drawn), and
    /// <see cref="AddLoaded"/> then fills in the loaded posts around them.
    /// </summary>
    public void BeginLoad()
    {
        Clear();
        _deletedDuringLoad = [];
    }

    /// <summary>
    /// The posts a load read from the store, oldest first. A post already on the map arrived live
    /// during the load (the same post or a newer version of it) and stays as it is; a post deleted
    /// during the load is left out. The loaded posts come before the live ones in the order (the
    /// list beside the map shows the live ones first, and beyond capacity the oldest loaded ones go).
    /// </summary>
    public (List<MapMarker> Added, List<int> Evicted) AddLoaded(IEnumerable<AnalysedPost> oldestFirst, Func<string?, string> categoryLabel,
        bool includeProfileOnly = false)
    {
        var deleted = _deletedDuringLoad ?? [];
        _deletedDuringLoad = null;
        var live = _order.ToArray();
        _order.Clear();
        var (added, evicted) = AddWithoutEviction(
            oldestFirst.Where(p => !deleted.Contains(p.Post.Key) && !_idByKey.ContainsKey(p.Post.Key)), categoryLabel, includeProfileOnly);
        foreach (var id in live) _order.Enqueue(id);
        EvictBeyondCapacity(added, evicted);
        return (added, evicted);
    }

    /// <summary>Grey: a post shown only where its author says they live, not where anything happened.</summary>
    public const string ProfileOnlyColour = "#9e9e9e";

    /// <summary>
    /// Posts located only by the author's profile ("熊本市在住") say where the author lives, not where
    /// anything happens: drawn among the reports they would read as incidents (a circle over a city
    /// for every chatty resident). They keep their location in the record (details, search, exports)
    /// but reach the map only when the operator asks for them, and then in grey.
    /// </summary>
    public static bool IsProfileOnly(PostLocation loc) => loc.Source == "profile";

    /// <summary>The colour of a post's marker and of its row in the post list: the profile grey, or its category's.</summary>
    public static string ColourOf(AnalysedPost p) =>
        p.Analysis.Location is { } loc && IsProfileOnly(loc) ? ProfileOnlyColour : CategoryPalette.For(CategoryPalette.PrimaryCategory(p.Analysis.Categories));

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
    public (List<MapMarker> Added, List<int> Evicted) Add(IEnumerable<AnalysedPost> posts, Func<string?, string> categoryLabel,
        bool includeProfileOnly = false)
    {
        var (added, evicted) = AddWithoutEviction(posts, categoryLabel, includeProfileOnly);
        EvictBeyondCapacity(added, evicted);
        return (added, evicted);
    }

    private (List<MapMarker> Added, List<int> Evicted) AddWithoutEviction(IEnumerable<AnalysedPost> posts, Func<string?, string> categoryLabel,
        bool includeProfileOnly)
    {
        var added = new List<MapMarker>();
        var evicted = new List<int>();
        _newest = null;
        foreach (var p in posts)
        {
            if (p.Analysis.Location is not { } loc) continue;
            if (_idByKey.TryGetValue(p.Post.Key, out var previous))
            {
                Forget(previous, _byId[previous]);
                if (added.RemoveAll(m => m.Id == previous) == 0) evicted.Add(previous);
            }
            bool profileOnly = IsProfileOnly(loc);
            if (profileOnly && !includeProfileOnly) continue;
            int id = ++_nextId;
            _byId[id] = p;
            _idByKey[p.Post.Key] = id;
            _order.Enqueue(id);
            var category = CategoryPalette.PrimaryCategory(p.Analysis.Categories);
            added.Add(new MapMarker(
                id, Math.Round(loc.Lat, 6), Math.Round(loc.Lon, 6), ColourOf(p), categoryLabel(category),
                p.Post.CreatedAt.ToUnixTimeMilliseconds(), p.IngestedAt.ToUnixTimeMilliseconds(),
                Snippet(p.Post.Text), GradeText(p.Analysis), UiLabels.JstShort(p.Post.CreatedAt), PrecisionMetres(loc), p.Analysis.ClaimStatus));
        }
        return (added, evicted);
    }

    private void EvictBeyondCapacity(List<MapMarker> added, List<int> evicted)
    {
        while (_order.Count > capacity && _order.TryDequeue(out var old))
            if (_byId.Remove(old, out var oldPost))
            {
                Forget(old, oldPost);
                if (added.RemoveAll(m => m.Id == old) == 0) evicted.Add(old);
            }
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

    /// <summary>Removes the markers of posts deleted at their source; returns their marker ids.</summary>
    public List<int> Remove(IReadOnlySet<PostKey> deleted)
    {
        _deletedDuringLoad?.UnionWith(deleted);
        var removed = new List<int>();
        foreach (var key in deleted)
            if (_idByKey.TryGetValue(key, out var id) && _byId.TryGetValue(id, out var p))
            {
                Forget(id, p);
                removed.Add(id);
            }
        if (removed.Count > 0) _newest = null;
        return removed;
    }

    /// <summary>Gives the markers of the changed claims their new status (kept for the details
    /// panel and later reloads of the popup); returns what the map redraws.</summary>
    public List<MarkerClaimUpdate> ApplyClaimStatuses(IReadOnlyDictionary<string, string> statusByClaim)
    {
        var updates = new List<MarkerClaimUpdate>();
        foreach (var (id, p) in _byId)
        {
            if (p.Analysis.ClaimId is not { } claim || !statusByClaim.TryGetValue(claim, out var status) || status == p.Analysis.ClaimStatus) continue;
            var analysis = p.Analysis with { ClaimStatus = status };
            _byId[id] = p with { Analysis = analysis };
            _newest = null;
            updates.Add(new MarkerClaimUpdate(id, GradeText(analysis), status));
        }
        return updates;
    }

    /// <summary>The claim styles worth a mark of those <paramref name="ids"/> still on the map, as
    /// their posts are now (a status may have changed since their markers were built).</summary>
    public List<MarkerClaimUpdate> NotableClaimStyles(IEnumerable<int> ids) =>
        ids.Select(id => (Id: id, Analysis: _byId.GetValueOrDefault(id)?.Analysis)).Where(m => m.Analysis is { } a && IsNotable(a.ClaimStatus))
           .Select(m => new MarkerClaimUpdate(m.Id, GradeText(m.Analysis!), m.Analysis!.ClaimStatus)).ToList();

    /// <summary>The claim styles of freshly drawn markers whose status is worth a mark.</summary>
    public static List<MarkerClaimUpdate> NotableClaimStyles(IEnumerable<MapMarker> added) =>
        added.Where(m => IsNotable(m.ClaimStatus)).Select(m => new MarkerClaimUpdate(m.Id, m.Grade, m.ClaimStatus)).ToList();

    private static bool IsNotable(string status) => status is not ClaimStatuses.Unverified and not ClaimStatuses.Corroborated;

    /// <summary>"B2", with a warning sign when the post's claim is disputed or debunked (the
    /// status it was analysed with, replaced live by <see cref="ApplyClaimStatuses"/>).</summary>
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
    long IngestedMs, string Text, string Grade, string Time, int PrecisionM = 0, string ClaimStatus = ClaimStatuses.Unverified);

/// <summary>A drawn marker's claim changed status: its new popup grade and style.</summary>
public sealed record MarkerClaimUpdate(int Id, string Grade, string Status);
