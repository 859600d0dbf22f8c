using Microsoft.Extensions.Localization;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Components.Shared;

namespace SnsDashboard.Web.Live;

/// <summary>One part of a <see cref="SharedPostFilter"/> in words; <see cref="Spatial"/> marks the spatial part.</summary>
public sealed record FilterPart(string Text, bool Spatial = false);

/// <summary>
/// The shared map/feed filter in words, part by part (categories, hazards, grades, sources, text,
/// "all posts", the spatial filter with the layer's title): the chips above the map and the feed
/// and the filter line printed on a map snapshot say the same thing. Plain text; pages escape it.
/// </summary>
public static class SharedFilterDescription
{
    public static List<FilterPart> Parts(SharedPostFilter filter, IReadOnlyList<LayerRecord> layers, UiLabels labels, IStringLocalizer<MapSyncText> t)
    {
        var parts = new List<FilterPart>();
        parts.AddRange(filter.Categories.Select(c => new FilterPart(labels.Category(c))));
        parts.AddRange(filter.Hazards.Select(h => new FilterPart(labels.Hazard(h))));
        parts.AddRange(filter.Grades.Select(g => new FilterPart(g)));
        parts.AddRange(filter.Sources.Select(s => new FilterPart(s)));
        if (filter.Text is { } text) parts.Add(new FilterPart(string.Format(t["TextChip"], text)));
        if (!filter.RelevantOnly) parts.Add(new FilterPart(t["AllPosts"]));
        if (Spatial(filter, layers, t) is { } spatial) parts.Add(new FilterPart(spatial, Spatial: true));
        return parts;
    }

    private static string? Spatial(SharedPostFilter filter, IReadOnlyList<LayerRecord> layers, IStringLocalizer<MapSyncText> t)
    {
        if (MapFilterValue.Parse(filter.SpatialValue, filter.ShelterName) is not { } f) return null;
        if (f.WithinMetresOfShelter is { } m)
            return f.ShelterName is { } name ? string.Format(t["NearNamedShelterChip"], m, name) : string.Format(t["NearShelterChip"], m);
        var layer = layers.FirstOrDefault(l => l.Id == f.ZoneLayerId)?.Title ?? f.ZoneLayerId.ToString();
        return f.ZoneAttribute is null
            ? string.Format(t["InsideLayerChip"], layer)
            : string.Format(t["InsideClassChip"], layer, f.ZoneAttribute, f.ZoneAttributeValue);
    }
}
