namespace SnsDashboard.Web;

/// <summary>Marker class for the geolocation UI strings (Resources/GeoText*.resx).</summary>
public sealed class GeoText;
