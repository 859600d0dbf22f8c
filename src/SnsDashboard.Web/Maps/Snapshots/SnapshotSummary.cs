using Microsoft.Extensions.Localization;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Components.Shared;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>The one-line filter summary printed on a snapshot: time window, which posts, and
/// the spatial filter in words (layer titles, not ids). Plain text; the page escapes it.</summary>
public static class SnapshotSummary
{
    public static string Describe(MapSnapshotView view, IReadOnlyList<LayerRecord> layers, IStringLocalizer<SnapshotText> t)
    {
        var parts = new List<string>
        {
            $"{t["Window"]} {UiLabels.Jst(view.From)} 〜 {(view.To is { } to ? UiLabels.Jst(to) : t["Now"])}",
            t["RelevantLocated"],
        };
        if (view.Filter is { } f)
        {
            if (f.ZoneLayerId is { } zone)
            {
                var title = layers.FirstOrDefault(l => l.Id == zone)?.Title ?? $"#{zone}";
                var text = string.Format(t["InsideZone"], title);
                if (f.ZoneAttribute is { } attr) text += string.Format(t["ZoneClass"], attr, f.ZoneAttributeValue);
                parts.Add(text);
            }
            if (f.WithinMetresOfShelter is { } m)
                parts.Add(string.Format(t["NearShelter"], m.ToString("N0")) + (f.ShelterName is { } name ? string.Format(t["NamedShelter"], name) : ""));
        }
        return string.Join(" · ", parts);
    }
}
