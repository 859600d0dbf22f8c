namespace SnsDashboard.Web.Components.Pages.LiveMap;

/// <summary>The map's time window: a sliding preset (last 15 min … 24 h) or a fixed custom range.</summary>
public sealed record TimeWindow(string Preset, DateTimeOffset? CustomFrom = null, DateTimeOffset? CustomTo = null)
{
    public static readonly IReadOnlyList<(string Id, TimeSpan Span)> Presets =
    [
        ("15m", TimeSpan.FromMinutes(15)), ("1h", TimeSpan.FromHours(1)),
        ("6h", TimeSpan.FromHours(6)), ("24h", TimeSpan.FromHours(24)),
    ];

    public const string Custom = "custom";
    public static TimeWindow Default { get; } = new("1h");

    public bool IsCustom => Preset == Custom;

    /// <summary>The window's bounds at <paramref name="now"/>; To is null for a sliding window.</summary>
    public (DateTimeOffset From, DateTimeOffset? To) Range(DateTimeOffset now)
    {
        if (IsCustom)
        {
            var from = CustomFrom ?? now.AddHours(-1);
            var to = CustomTo is { } t && t > from ? t : (DateTimeOffset?)null;
            return (from, to);
        }
        foreach (var (id, span) in Presets)
            if (id == Preset) return (now - span, null);
        return (now.AddHours(-1), null);
    }

    /// <summary>Does a live post created at <paramref name="createdAt"/> belong on the map now?</summary>
    public bool Contains(DateTimeOffset createdAt, DateTimeOffset now)
    {
        var (from, to) = Range(now);
        return createdAt >= from && (to is null || createdAt <= to);
    }
}
