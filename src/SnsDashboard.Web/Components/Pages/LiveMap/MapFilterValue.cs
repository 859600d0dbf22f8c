using System.Globalization;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Web.Components.Pages.LiveMap;

/// <summary>The spatial-filter select's values: "zone:&lt;layer&gt;[:&lt;attribute&gt;:&lt;value&gt;]" or
/// "near:&lt;metres&gt;" (plus an optional shelter name typed next to it).</summary>
public static class MapFilterValue
{
    public static SpatialFilter? Parse(string? value, string? shelterName)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split(':', 4);
        if (parts[0] == "zone" && parts.Length >= 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var layer))
            return new SpatialFilter
            {
                ZoneLayerId = layer,
                ZoneAttribute = parts.Length == 4 ? parts[2] : null,
                ZoneAttributeValue = parts.Length == 4 ? parts[3] : null,
            };
        if (parts[0] == "near" && parts.Length == 2 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var metres) && metres > 0)
            return new SpatialFilter
            {
                WithinMetresOfShelter = metres,
                ShelterName = string.IsNullOrWhiteSpace(shelterName) ? null : shelterName.Trim(),
            };
        return null;
    }
}
