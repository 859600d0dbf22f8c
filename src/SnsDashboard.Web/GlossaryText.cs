namespace SnsDashboard.Web;

/// <summary>Marker type for the glossary pages' strings in Resources/GlossaryText*.resx
/// (neutral = Japanese, .en = English), kept apart from SharedResource to ease merging.</summary>
public sealed class GlossaryText;
