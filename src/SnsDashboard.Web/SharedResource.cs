namespace SnsDashboard.Web;

/// <summary>Marker type for the UI strings in Resources/SharedResource*.resx. The neutral
/// resources are Japanese (the default UI language); SharedResource.en.resx is English.</summary>
public sealed class SharedResource;
