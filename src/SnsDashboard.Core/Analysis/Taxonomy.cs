namespace SnsDashboard.Core.Analysis;

/// <summary>Stable category and hazard ids (design.md §4.2). The glossary may be finer; every
/// sub-category maps to one of these.</summary>
public static class Taxonomy
{
    public static readonly IReadOnlyList<string> Categories =
    [
        "rescue_request", "casualties", "building_damage", "fire", "flooding", "landslide", "tsunami",
        "lifeline_power", "lifeline_water", "lifeline_gas", "lifeline_telecom", "transport_disruption",
        "evacuation_shelter", "supplies_shortage", "medical", "isolation", "caution_advice",
        "official_announcement", "rumor_or_denial",
    ];

    public static readonly IReadOnlyList<string> Hazards =
        ["earthquake", "tsunami", "heavy_rain_flood", "landslide", "typhoon", "volcano", "snow", "fire"];

    private static readonly HashSet<string> CategorySet = new(Categories, StringComparer.Ordinal);
    private static readonly HashSet<string> HazardSet = new(Hazards, StringComparer.Ordinal);

    public static bool IsCategory(string id) => CategorySet.Contains(id);
    public static bool IsHazard(string id) => HazardSet.Contains(id);

    /// <summary>Triage order: lower is more urgent. Rescue requests always come first.</summary>
    public static int Priority(string category) => category switch
    {
        "rescue_request" => 0,
        "casualties" or "medical" or "isolation" or "fire" or "tsunami" => 1,
        "building_damage" or "flooding" or "landslide" or "evacuation_shelter" or "official_announcement" => 2,
        _ => 3,
    };
}
