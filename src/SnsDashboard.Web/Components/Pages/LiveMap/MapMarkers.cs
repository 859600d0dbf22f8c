using SnsDashboard.Core.Analysis;
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
    private readonly Queue<int> _order = new();
    private int _nextId;

    public int Count => _byId.Count;

    public AnalysedPost? Get(int id) => _byId.GetValueOrDefault(id);

    public void Clear()
    {
        _byId.Clear();
        _order.Clear();
    }

    /// <summary>Adds the located posts; returns the markers to draw and the ids evicted.</summary>
    public (List<MapMarker> Added, List<int> Evicted) Add(IEnumerable<AnalysedPost> posts, Func<string?, string> categoryLabel)
    {
        var added = new List<MapMarker>();
        foreach (var p in posts)
        {
            if (p.Analysis.Location is not { } loc) continue;
            int id = ++_nextId;
            _byId[id] = p;
            _order.Enqueue(id);
            var category = CategoryPalette.PrimaryCategory(p.Analysis.Categories);
            added.Add(new MapMarker(
                id, Math.Round(loc.Lat, 6), Math.Round(loc.Lon, 6), CategoryPalette.For(category), categoryLabel(category),
                p.Post.CreatedAt.ToUnixTimeMilliseconds(), p.IngestedAt.ToUnixTimeMilliseconds(),
                Snippet(p.Post.Text), GradeText(p.Analysis), UiLabels.JstShort(p.Post.CreatedAt), PrecisionMetres(loc)));
        }
        var evicted = new List<int>();
        while (_order.Count > capacity && _order.TryDequeue(out var old))
            if (_byId.Remove(old)) evicted.Add(old);
        return (added, evicted);
    }

    /// <summary>Removes markers created before <paramref name="cutoff"/> (sliding window).</summary>
    public List<int> RemoveOlderThan(DateTimeOffset cutoff)
    {
        var removed = new List<int>();
        foreach (var (id, p) in _byId)
            if (p.Post.CreatedAt < cutoff) removed.Add(id);
        foreach (var id in removed) _byId.Remove(id);
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
