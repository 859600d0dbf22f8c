namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>A place the demo scenarios mention (approximate coordinates; demo data only).</summary>
internal sealed record Place(string Pref, string City, string? Town, double Lat, double Lon)
{
    /// <summary>"益城町宮園", "熊本市東区健軍本町", or the city alone.</summary>
    public string Name => City + Town;
    public string TownOrCity => Town ?? City;
}
