namespace SnsDashboard.Web;

/// <summary>Marker type for the live-source UI strings (status columns, warnings, admin page) in
/// Resources/SourcesText*.resx: Japanese neutral, English beside it.</summary>
public sealed class SourcesText;
