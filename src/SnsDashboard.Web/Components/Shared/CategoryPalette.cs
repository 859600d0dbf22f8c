using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Web.Components.Shared;

/// <summary>One colour per stable category, shared by markers, chips and the legend. Urgent
/// categories get the strongest colours.</summary>
public static class CategoryPalette
{
    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["rescue_request"] = "#d50000",
        ["casualties"] = "#880e4f",
        ["building_damage"] = "#e65100",
        ["fire"] = "#ff6d00",
        ["flooding"] = "#0d47a1",
        ["landslide"] = "#6d4c41",
        ["tsunami"] = "#01579b",
        ["lifeline_power"] = "#f9a825",
        ["lifeline_water"] = "#0288d1",
        ["lifeline_gas"] = "#9e9d24",
        ["lifeline_telecom"] = "#5e35b1",
        ["transport_disruption"] = "#546e7a",
        ["evacuation_shelter"] = "#2e7d32",
        ["supplies_shortage"] = "#00897b",
        ["medical"] = "#c2185b",
        ["isolation"] = "#4a148c",
        ["caution_advice"] = "#827717",
        ["official_announcement"] = "#1a237e",
        ["rumor_or_denial"] = "#757575",
    };

    public const string Uncategorised = "#9e9e9e";

    public static string For(string? category) =>
        category is not null && Colours.TryGetValue(category, out var c) ? c : Uncategorised;

    /// <summary>The category a marker is drawn as: the most urgent one the post has.</summary>
    public static string? PrimaryCategory(IReadOnlyList<string> categories)
    {
        string? best = null;
        foreach (var c in categories)
            if (best is null || Taxonomy.Priority(c) < Taxonomy.Priority(best)) best = c;
        return best;
    }
}
