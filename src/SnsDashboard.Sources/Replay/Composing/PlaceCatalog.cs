namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// The only places the composed scenarios name. They match the built-in demo gazetteer, so the
/// default demo geolocates its own posts. Coordinates are approximate (for geotags only).
/// </summary>
internal static class PlaceCatalog
{
    private const string Kumamoto = "熊本県", Fukuoka = "福岡県", Saga = "佐賀県", Oita = "大分県";

    /// <summary>The earthquake area (Kumamoto city and the towns east of it).</summary>
    public static readonly Place[] QuakeArea =
    [
        new(Kumamoto, "熊本市中央区", "水前寺", 32.795, 130.735),
        new(Kumamoto, "熊本市中央区", "大江", 32.793, 130.728),
        new(Kumamoto, "熊本市中央区", "新屋敷", 32.797, 130.719),
        new(Kumamoto, "熊本市中央区", "九品寺", 32.794, 130.716),
        new(Kumamoto, "熊本市東区", "健軍本町", 32.787, 130.756),
        new(Kumamoto, "熊本市東区", "健軍", 32.790, 130.760),
        new(Kumamoto, "熊本市東区", "東町", 32.777, 130.763),
        new(Kumamoto, "熊本市東区", "秋津町", 32.771, 130.770),
        new(Kumamoto, "熊本市東区", "若葉", 32.778, 130.772),
        new(Kumamoto, "熊本市南区", "城南町", 32.660, 130.730),
        new(Kumamoto, "熊本市南区", "富合町", 32.700, 130.700),
        new(Kumamoto, "熊本市北区", "植木町", 32.890, 130.690),
        new(Kumamoto, "熊本市西区", "島崎", 32.815, 130.685),
        new(Kumamoto, "益城町", "宮園", 32.791, 130.815),
        new(Kumamoto, "益城町", "木山", 32.787, 130.822),
        new(Kumamoto, "益城町", "寺迫", 32.780, 130.818),
        new(Kumamoto, "益城町", "安永", 32.786, 130.803),
        new(Kumamoto, "益城町", "惣領", 32.783, 130.810),
        new(Kumamoto, "益城町", "福富", 32.775, 130.800),
        new(Kumamoto, "西原村", "小森", 32.835, 130.900),
        new(Kumamoto, "西原村", "布田", 32.820, 130.880),
        new(Kumamoto, "南阿蘇村", "河陽", 32.850, 130.980),
        new(Kumamoto, "南阿蘇村", "立野", 32.870, 130.930),
        new(Kumamoto, "阿蘇市", "内牧", 32.980, 131.050),
        new(Kumamoto, "阿蘇市", "一の宮町", 32.930, 131.120),
        new(Kumamoto, "御船町", "御船", 32.714, 130.800),
        new(Kumamoto, "嘉島町", "上島", 32.740, 130.760),
        new(Kumamoto, "宇城市", "松橋町", 32.640, 130.670),
        new(Kumamoto, "大津町", "大津", 32.880, 130.870),
        new(Kumamoto, "菊陽町", "津久礼", 32.860, 130.820),
    ];

    /// <summary>The hardest-hit towns of the earthquake (more posts come from here).</summary>
    public static readonly Place[] QuakeEpicentre = QuakeArea.Where(p => p.City is "益城町" or "西原村" or "南阿蘇村" or "熊本市東区").ToArray();

    /// <summary>The river flood in southern Kumamoto.</summary>
    public static readonly Place[] FloodSouth =
    [
        new(Kumamoto, "人吉市", "麓町", 32.213, 130.760),
        new(Kumamoto, "人吉市", "九日町", 32.213, 130.755),
        new(Kumamoto, "人吉市", "中青井町", 32.215, 130.762),
        new(Kumamoto, "人吉市", "下青井町", 32.217, 130.758),
        new(Kumamoto, "人吉市", "紺屋町", 32.212, 130.751),
        new(Kumamoto, "球磨村", "渡", 32.240, 130.700),
        new(Kumamoto, "球磨村", "神瀬", 32.300, 130.660),
        new(Kumamoto, "八代市", "坂本町", 32.400, 130.680),
        new(Kumamoto, "芦北町", "田浦", 32.360, 130.500),
    ];

    /// <summary>The heavy rain further north (Fukuoka, Saga, Oita).</summary>
    public static readonly Place[] RainNorth =
    [
        new(Fukuoka, "大牟田市", "三川町", 33.010, 130.440),
        new(Fukuoka, "久留米市", "城島町", 33.240, 130.440),
        new(Fukuoka, "久留米市", "田主丸町", 33.340, 130.690),
        new(Fukuoka, "朝倉市", "杷木", 33.370, 130.820),
        new(Saga, "武雄市", "北方町", 33.190, 130.060),
        new(Saga, "武雄市", "朝日町", 33.170, 130.030),
        new(Saga, "大町町", "福母", 33.200, 130.110),
        new(Oita, "日田市", "天瀬町", 33.280, 131.040),
    ];

    public static readonly Place[] Landmarks =
    [
        new(Kumamoto, "熊本市中央区", "熊本城", 32.806, 130.706),
        new(Kumamoto, "熊本市西区", "熊本駅", 32.790, 130.689),
        new(Kumamoto, "益城町", "益城町役場", 32.791, 130.815),
        new(Kumamoto, "南阿蘇村", "阿蘇大橋", 32.886, 130.953),
        new(Kumamoto, "人吉市", "人吉駅", 32.218, 130.756),
        new(Kumamoto, "熊本市東区", "熊本市民病院", 32.790, 130.750),
    ];
}
