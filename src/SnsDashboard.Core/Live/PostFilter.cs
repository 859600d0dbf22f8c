using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Core.Live;

/// <summary>
/// What a live view (map, feed, hub client) wants to see. Empty lists mean "any". Pure, so the
/// same filter decides what the bus pushes and what a store query returns.
/// </summary>
public sealed record PostFilter
{
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Hazards { get; init; } = [];
    /// <summary>Source-reliability letters (A–F).</summary>
    public IReadOnlyList<string> Grades { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public string? Text { get; init; }
    public bool RelevantOnly { get; init; } = true;
    public bool LocatedOnly { get; init; }
    public GeoBounds? Bounds { get; init; }
    /// <summary>Inside a hazard zone / near a shelter, decided on the joins stored in the
    /// analysis record. Not expressible in SQL: store queries return candidates that
    /// <see cref="Matches"/> then narrows.</summary>
    public SpatialFilter? Spatial { get; init; }

    public static PostFilter All { get; } = new() { RelevantOnly = false };
    public static PostFilter Relevant { get; } = new();

    public bool Matches(AnalysedPost item)
    {
        var a = item.Analysis;
        if (RelevantOnly && !a.Relevant) return false;
        if (LocatedOnly && a.Location is null) return false;
        if (Bounds is { } b && (a.Location is not { } loc || !b.Contains(loc.Lat, loc.Lon))) return false;
        if (Categories.Count > 0 && !Intersects(Categories, a.Categories)) return false;
        if (Hazards.Count > 0 && !Intersects(Hazards, a.Hazards)) return false;
        if (Grades.Count > 0 && !Contains(Grades, a.Reliability.Source)) return false;
        if (Sources.Count > 0 && !Contains(Sources, SourceFamily(item.Post.Source))) return false;
        if (!string.IsNullOrWhiteSpace(Text) && !item.Post.Text.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase)) return false;
        if (Spatial is { IsEmpty: false } s && !s.Matches(a)) return false;
        return true;
    }

    /// <summary>The same filter as a store query over a time window.</summary>
    public PostQuery ToQuery(DateTimeOffset? from, DateTimeOffset? to, int limit) => new()
    {
        From = from,
        To = to,
        Categories = Categories.Count > 0 ? Categories : null,
        Hazards = Hazards.Count > 0 ? Hazards : null,
        Grades = Grades.Count > 0 ? Grades : null,
        Sources = Sources.Count > 0 ? Sources : null,
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Relevant = RelevantOnly ? true : null,
        // A spatial filter only ever matches placed posts.
        LocatedOnly = LocatedOnly || Spatial is { IsEmpty: false },
        Bounds = Bounds,
        Limit = limit,
    };

    /// <summary>"mastodon:mstdn.example.jp" → "mastodon": filters choose platforms, not servers.</summary>
    public static string SourceFamily(string source)
    {
        int i = source.IndexOf(':');
        return i < 0 ? source : source[..i];
    }

    private static bool Intersects(IReadOnlyList<string> wanted, IReadOnlyList<string> have)
    {
        foreach (var h in have)
            if (Contains(wanted, h)) return true;
        return false;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var v in list)
            if (string.Equals(v, value, StringComparison.Ordinal)) return true;
        return false;
    }
}
