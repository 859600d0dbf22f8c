namespace SnsDashboard.Web;

/// <summary>Marker type for the map-snapshot strings in Resources/SnapshotText*.resx (Japanese
/// neutral, English in SnapshotText.en.resx).</summary>
public sealed class SnapshotText;
