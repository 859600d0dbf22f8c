using System.Globalization;

namespace SnsDashboard.Web;

/// <summary>Marker type for the map-layer UI strings in Resources/MapText*.resx (Japanese neutral,
/// English in MapText.en.resx).</summary>
public sealed class MapText
{
    /// <summary>The nav label, without a localizer injection in the shared layout.</summary>
    public static string NavLabel => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "Layers" : "レイヤ";
}
