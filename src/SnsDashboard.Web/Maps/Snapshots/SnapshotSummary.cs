using Microsoft.Extensions.Localization;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Components.Shared;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>The one-line filter summary printed on a snapshot: time window, which posts, and the
/// whole shared filter in the words of the filter chips on the map and the feed
/// (<see cref="SharedFilterDescription"/>, layer titles, not ids). Plain text; the page escapes it.</summary>
public static class SnapshotSummary
{
    public static string Describe(MapSnapshotView view, IReadOnlyList<LayerRecord> layers, IStringLocalizer<SnapshotText> t,
        UiLabels labels, IStringLocalizer<MapSyncText> chips)
    {
        var parts = new List<string>
        {
            $"{t["Window"]} {UiLabels.Jst(view.From)} 〜 {(view.To is { } to ? UiLabels.Jst(to) : t["Now"])}",
            view.Filter.RelevantOnly ? t["RelevantLocated"] : t["Located"],
        };
        parts.AddRange(SharedFilterDescription.Parts(view.Filter, layers, labels, chips).Select(p => p.Text));
        if (view.IncludeProfileOnly) parts.Add(t["ProfileOnlyShown"]);
        return string.Join(" · ", parts);
    }
}
