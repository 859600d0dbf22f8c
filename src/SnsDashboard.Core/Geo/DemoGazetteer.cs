using System.Globalization;

namespace SnsDashboard.Core.Geo;

/// <summary>
/// A small BUILT-IN demo gazetteer so that a fresh clone geolocates its own Kumamoto scenario.
/// APPROXIMATE DEMO DATA, hand-curated: coordinates are rounded to 3 decimals (about 100 m) and
/// are representative points (prefectural office, city hall, a town's centre), not boundaries.
/// Names and 6-digit codes follow the Digital Agency's Address Base Registry (アドレス・ベース・レジストリ,
/// CC BY 4.0); town points were derived from Geolonia's japanese-addresses (CC BY 4.0, built from MLIT
/// 位置参照情報). Real deployments import the official files with <c>gazetteer import</c>.
/// Contents: the 47 prefectures; every municipality of 熊本県 (with the wards of 熊本市 and the
/// county names); 大牟田市, 久留米市, 朝倉市 (福岡県), 武雄市, 大町町 (佐賀県), 日田市 (大分県) and
/// 大津市 (滋賀県, kept so that the ambiguous name 大津 has its real competitor); selected towns and
/// landmarks of the 2016 Kumamoto earthquake and 2020 Kyushu flood areas.
/// </summary>
public static class DemoGazetteer
{
    public const string Version = "demo-2024-approx";

    public static Gazetteer Create() => Gazetteer.FromPlaces(Version, Parse(Table), isDemo: true);

    /// <summary>Curated short forms of prefecture names that are safe to match alone (熊本 for 熊本県;
    /// not 石川 or 宮城, which are common surnames); the importers reuse them for the official data.</summary>
    public static IReadOnlyDictionary<string, string> PrefectureAliases { get; } = Parse(Table)
        .Where(p => p.Kind == PlaceKind.Prefecture && p.Aliases.Count > 0)
        .ToDictionary(p => p.Name, p => p.Aliases[0]);

    // P|pref|lg_code|lat|lon|alias             prefecture
    // C|pref|county                            county (郡), context only
    // M|pref|county|city|ward|lg_code|lat|lon|alias   municipality or ward
    // T|municipality lg_code|town|lat|lon       town (大字・町丁目)
    // L|municipality lg_code|name|lat|lon       landmark
    private const string Table = """
P|北海道|010006|43.064|141.348|
P|青森県|020001|40.824|140.740|
P|岩手県|030007|39.704|141.153|
P|宮城県|040002|38.269|140.872|
P|秋田県|050008|39.718|140.103|
P|山形県|060003|38.240|140.363|
P|福島県|070009|37.750|140.468|
P|茨城県|080004|36.341|140.447|
P|栃木県|090000|36.566|139.884|
P|群馬県|100005|36.391|139.061|
P|埼玉県|110001|35.857|139.649|
P|千葉県|120006|35.605|140.123|
P|東京都|130001|35.690|139.692|東京
P|神奈川県|140007|35.448|139.643|神奈川
P|新潟県|150002|37.902|139.024|
P|富山県|160008|36.695|137.211|
P|石川県|170003|36.595|136.626|
P|福井県|180009|36.065|136.222|
P|山梨県|190004|35.664|138.568|
P|長野県|200000|36.651|138.181|
P|岐阜県|210005|35.391|136.722|
P|静岡県|220001|34.977|138.383|
P|愛知県|230006|35.180|136.907|
P|三重県|240001|34.730|136.509|
P|滋賀県|250007|35.004|135.868|
P|京都府|260002|35.021|135.756|京都
P|大阪府|270008|34.686|135.520|大阪
P|兵庫県|280003|34.691|135.183|
P|奈良県|290009|34.685|135.833|
P|和歌山県|300004|34.226|135.167|和歌山
P|鳥取県|310000|35.504|134.238|
P|島根県|320005|35.472|133.051|
P|岡山県|330001|34.662|133.935|
P|広島県|340006|34.396|132.459|
P|山口県|350001|34.186|131.471|
P|徳島県|360007|34.066|134.559|
P|香川県|370002|34.340|134.043|
P|愛媛県|380008|33.842|132.766|
P|高知県|390003|33.560|133.531|
P|福岡県|400009|33.606|130.418|福岡
P|佐賀県|410004|33.249|130.299|佐賀
P|長崎県|420000|32.750|129.868|長崎
P|熊本県|430005|32.790|130.741|熊本
P|大分県|440001|33.238|131.613|
P|宮崎県|450006|31.911|131.424|
P|鹿児島県|460001|31.560|130.558|鹿児島
P|沖縄県|470007|26.212|127.681|沖縄
C|佐賀県|杵島郡
C|熊本県|上益城郡
C|熊本県|下益城郡
C|熊本県|八代郡
C|熊本県|天草郡
C|熊本県|玉名郡
C|熊本県|球磨郡
C|熊本県|菊池郡
C|熊本県|葦北郡
C|熊本県|阿蘇郡
M|滋賀県||大津市||252018|35.018|135.855|
M|福岡県||大牟田市||402028|33.030|130.446|大牟田
M|福岡県||久留米市||402036|33.319|130.508|久留米
M|福岡県||朝倉市||402281|33.423|130.666|
M|佐賀県||武雄市||412066|33.195|130.021|武雄
M|佐賀県|杵島郡|大町町||414239|33.214|130.116|
M|熊本県||熊本市||431001|32.803|130.708|
M|熊本県||熊本市|中央区|431010|32.803|130.708|
M|熊本県||熊本市|東区|431028|32.781|130.768|
M|熊本県||熊本市|西区|431036|32.776|130.648|
M|熊本県||熊本市|南区|431044|32.715|130.679|
M|熊本県||熊本市|北区|431052|32.904|130.694|
M|熊本県||八代市||432024|32.507|130.602|八代
M|熊本県||人吉市||432032|32.206|130.760|人吉
M|熊本県||荒尾市||432041|32.987|130.433|荒尾
M|熊本県||水俣市||432059|32.212|130.409|水俣
M|熊本県||玉名市||432067|32.935|130.563|玉名
M|熊本県||山鹿市||432083|33.017|130.691|山鹿
M|熊本県||菊池市||432105|32.979|130.813|菊池
M|熊本県||宇土市||432113|32.687|130.659|宇土
M|熊本県||上天草市||432121|32.587|130.430|上天草
M|熊本県||宇城市||432130|32.648|130.684|宇城
M|熊本県||阿蘇市||432148|32.952|131.121|
M|熊本県||天草市||432156|32.459|130.193|天草
M|熊本県||合志市||432164|32.886|130.790|合志
M|熊本県|下益城郡|美里町||433489|32.640|130.789|
M|熊本県|玉名郡|玉東町||433641|32.919|130.629|
M|熊本県|玉名郡|南関町||433675|33.059|130.544|
M|熊本県|玉名郡|長洲町||433683|32.930|130.453|
M|熊本県|玉名郡|和水町||433691|32.978|130.606|
M|熊本県|菊池郡|大津町||434035|32.879|130.868|
M|熊本県|菊池郡|菊陽町||434043|32.863|130.829|菊陽
M|熊本県|阿蘇郡|南小国町||434230|33.098|131.071|
M|熊本県|阿蘇郡|小国町||434248|33.122|131.068|
M|熊本県|阿蘇郡|産山村||434256|32.996|131.217|
M|熊本県|阿蘇郡|高森町||434281|32.827|131.122|
M|熊本県|阿蘇郡|西原村||434329|32.835|130.903|
M|熊本県|阿蘇郡|南阿蘇村||434337|32.845|131.018|南阿蘇
M|熊本県|上益城郡|御船町||434418|32.715|130.802|御船
M|熊本県|上益城郡|嘉島町||434426|32.740|130.757|嘉島
M|熊本県|上益城郡|益城町||434434|32.791|130.816|益城
M|熊本県|上益城郡|甲佐町||434442|32.651|130.811|甲佐
M|熊本県|上益城郡|山都町||434477|32.685|130.990|山都
M|熊本県|八代郡|氷川町||434680|32.582|130.674|
M|熊本県|葦北郡|芦北町||434825|32.299|130.493|芦北
M|熊本県|葦北郡|津奈木町||434841|32.234|130.440|
M|熊本県|球磨郡|錦町||435015|32.201|130.841|
M|熊本県|球磨郡|多良木町||435058|32.264|130.936|
M|熊本県|球磨郡|湯前町||435066|32.276|130.981|
M|熊本県|球磨郡|水上村||435074|32.314|131.010|
M|熊本県|球磨郡|相良村||435104|32.235|130.798|
M|熊本県|球磨郡|五木村||435112|32.397|130.828|
M|熊本県|球磨郡|山江村||435121|32.246|130.767|
M|熊本県|球磨郡|球磨村||435139|32.253|130.651|
M|熊本県|球磨郡|あさぎり町||435147|32.240|130.898|
M|熊本県|天草郡|苓北町||435317|32.513|130.055|
M|大分県||日田市||442046|33.321|130.941|日田
T|431010|水前寺|32.794|130.737
T|431010|大江|32.801|130.725
T|431010|新屋敷|32.806|130.721
T|431010|九品寺|32.794|130.716
T|431028|健軍本町|32.786|130.757
T|431028|健軍|32.782|130.753
T|431028|東町|32.788|130.765
T|431028|秋津町|32.768|130.778
T|431028|若葉|32.773|130.763
T|431044|城南町|32.709|130.734
T|431044|富合町|32.715|130.677
T|431052|植木町|32.916|130.689
T|431036|島崎|32.812|130.680
T|434434|宮園|32.796|130.814
T|434434|木山|32.797|130.818
T|434434|寺迫|32.801|130.826
T|434434|安永|32.791|130.810
T|434434|惣領|32.787|130.799
T|434434|福富|32.785|130.796
T|434329|小森|32.845|130.951
T|434329|布田|32.828|130.895
T|434337|河陽|32.870|131.001
T|434337|立野|32.888|130.972
T|432148|内牧|32.967|131.051
T|432148|一の宮町|32.968|131.136
T|434418|御船|32.709|130.797
T|434426|上島|32.738|130.749
T|432130|松橋町|32.641|130.689
T|434035|大津|32.879|130.883
T|434043|津久礼|32.860|130.805
T|432032|麓町|32.211|130.764
T|432032|九日町|32.214|130.760
T|432032|中青井町|32.215|130.754
T|432032|下青井町|32.212|130.751
T|432032|紺屋町|32.215|130.759
T|435139|渡|32.270|130.681
T|435139|神瀬|32.330|130.651
T|432024|坂本町|32.414|130.655
T|434825|田浦|32.359|130.522
T|402028|三川町|33.013|130.428
T|402036|城島町|33.250|130.420
T|402036|田主丸町|33.342|130.685
T|412066|北方町|33.215|130.071
T|412066|朝日町|33.216|130.034
T|414239|福母|33.219|130.103
T|442046|天瀬町|33.248|131.025
T|402281|杷木|33.374|130.818
L|431010|熊本城|32.806|130.706
L|431036|熊本駅|32.789|130.689
L|434434|益城町役場|32.791|130.816
L|434337|阿蘇大橋|32.883|130.995
L|432032|人吉駅|32.216|130.754
L|431028|熊本市民病院|32.784|130.764
""";

    private static IEnumerable<GazetteerPlace> Parse(string table)
    {
        var municipalities = new Dictionary<string, GazetteerPlace>(StringComparer.Ordinal);
        var cityCodes = new Dictionary<string, string>(StringComparer.Ordinal); // "pref/city" → code of the designated city
        foreach (var line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('|');
            switch (f[0])
            {
                case "P":
                    yield return new GazetteerPlace
                    {
                        Kind = PlaceKind.Prefecture, Name = f[1], Pref = f[1], LgCode = f[2], Lat = D(f[3]), Lon = D(f[4]),
                        Aliases = f[5].Length > 0 ? [f[5]] : [],
                    };
                    break;
                case "C":
                    yield return new GazetteerPlace { Kind = PlaceKind.County, Name = f[2], Pref = f[1], County = f[2] };
                    break;
                case "M":
                {
                    string name = f[3] + f[4];
                    string? parent = null;
                    if (f[4].Length == 0) cityCodes[f[1] + "/" + f[3]] = f[5];
                    else parent = cityCodes.GetValueOrDefault(f[1] + "/" + f[3]);
                    var m = new GazetteerPlace
                    {
                        Kind = PlaceKind.Municipality, Name = name, Pref = f[1], County = f[2].Length > 0 ? f[2] : null,
                        City = name, LgCode = f[5], Lat = D(f[6]), Lon = D(f[7]), ParentCode = parent,
                        Aliases = f[8].Length > 0 ? [f[8]] : [],
                    };
                    municipalities[f[5]] = m;
                    yield return m;
                    break;
                }
                case "T":
                case "L":
                {
                    var m = municipalities[f[1]];
                    yield return new GazetteerPlace
                    {
                        Kind = f[0] == "T" ? PlaceKind.Town : PlaceKind.Landmark, Name = f[2], Pref = m.Pref, County = m.County,
                        City = m.City, Town = f[0] == "T" ? f[2] : null, LgCode = m.LgCode, ParentCode = m.LgCode,
                        Lat = D(f[3]), Lon = D(f[4]),
                    };
                    break;
                }
                default:
                    throw new InvalidOperationException($"demo gazetteer: bad row '{line}'");
            }
        }
    }

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
