using SnsDashboard.Core.Layers;

namespace SnsDashboard.Web.Maps;

/// <summary>How one layer is drawn: a base colour, and optionally a colour per value of one
/// attribute (浸水ランク, 区域区分), which the legend lists.</summary>
public sealed record LayerStyle(string Colour, string? Property, IReadOnlyList<StyleClass> Classes, bool OutlineOnly);

public sealed record StyleClass(string Value, string Colour, string Label);

/// <summary>
/// Style per layer. Inundation ranks use the MLIT hazard-map depth colours (手引き: 0.5 m 未満 …
/// 20 m 以上); landslide zones use the usual yellow (警戒区域) and red (特別警戒区域).
/// </summary>
public static class LayerStyles
{
    public static readonly IReadOnlyList<StyleClass> InundationRanks =
    [
        new("1", "#f7f5a9", "0.5m未満"), new("2", "#ffd8c0", "0.5〜3m"), new("3", "#ffb7b7", "3〜5m"),
        new("4", "#ff9191", "5〜10m"), new("5", "#f285c9", "10〜20m"), new("6", "#dc7adc", "20m以上"),
    ];

    public static readonly IReadOnlyList<StyleClass> LandslideZones =
    [
        new("1", "#ffd700", "土砂災害警戒区域"), new("2", "#e60000", "土砂災害特別警戒区域"),
    ];

    public static LayerStyle For(LayerRecord layer)
    {
        if (layer.Title.Contains("浸水", StringComparison.Ordinal))
            return new LayerStyle("#4a90d9", "浸水ランク", InundationRanks, false);
        if (layer.Title.Contains("土砂", StringComparison.Ordinal))
            return new LayerStyle("#ffd700", "区域区分", LandslideZones, false);
        return layer.Theme switch
        {
            LayerThemes.Hazard => new LayerStyle("#e65100", null, [], false),
            LayerThemes.Damage => new LayerStyle("#b71c1c", null, [], false),
            LayerThemes.SocialAssets => new LayerStyle("#2e7d32", null, [], false),
            LayerThemes.Response => new LayerStyle("#6a1b9a", null, [], false),
            _ => new LayerStyle("#455a64", null, [], true),
        };
    }
}
