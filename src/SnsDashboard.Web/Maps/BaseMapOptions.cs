namespace SnsDashboard.Web.Maps;

/// <summary>Configuration section "Map": initial view, the base maps users can switch between,
/// and the offline tile file.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    public double CenterLat { get; set; } = 32.75;
    public double CenterLon { get; set; } = 130.75;
    public int Zoom { get; set; } = 9;

    /// <summary>Online raster tile sources; the first is the default. Each carries its attribution,
    /// which the map always shows.</summary>
    public List<BaseMapSource> BaseMaps { get; set; } = [];

    public OfflineTileOptions OfflineTiles { get; set; } = new();

    /// <summary>How long the map waits for an online tile before switching to the offline base.</summary>
    public int TileTimeoutMs { get; set; } = 4000;
}

public sealed class BaseMapSource
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string Attribution { get; set; } = "";
    public int MaxZoom { get; set; } = 18;
}

/// <summary>Raster tiles served by the app itself from a local MBTiles file (for HQs without a
/// network). Empty path = no offline raster tiles; the vector fallback still works.</summary>
public sealed class OfflineTileOptions
{
    public string MbTilesPath { get; set; } = "";
    public string Name { get; set; } = "オフライン地図（MBTiles）";
    public string Attribution { get; set; } = "";
}
