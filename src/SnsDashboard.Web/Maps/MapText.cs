namespace SnsDashboard.Web;

/// <summary>Marker type for the map-layer UI strings in Resources/MapText*.resx (Japanese neutral,
/// English in MapText.en.resx).</summary>
public sealed class MapText;
