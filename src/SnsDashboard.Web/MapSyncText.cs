namespace SnsDashboard.Web;

/// <summary>Marker type for the strings of the map/feed shared filter, the post list beside the
/// map and the CSV export (Resources/MapSyncText*.resx: Japanese neutral, English beside it).</summary>
public sealed class MapSyncText;
