namespace SnsDashboard.Core.Geo.Index;

/// <summary>
/// Character folding for place-name matching, applied on top of <see cref="Text.TextNormaliser"/>
/// (which already folds width, katakana and ヶ/ケ/ヵ): old (旧字体) and variant kanji that appear in
/// official names and in what people type fold to one form (龍ケ崎/竜ヶ崎, 澤/沢, 﨑/崎, 髙/高).
/// </summary>
internal static class PlaceChars
{
    private static readonly char[] Table = Build();

    public static char Fold(char c) => Table[c];

    public static string Fold(string s)
    {
        Span<char> buf = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        for (int i = 0; i < s.Length; i++) buf[i] = Table[s[i]];
        return new string(buf);
    }

    private const string Pairs =
        "龍竜澤沢邊辺邉辺齋斎齊斉櫻桜廣広國国檜桧藪薮萬万條条濱浜嶋島嶌島﨑崎髙高德徳瀧滝眞真淺浅驛駅縣県鐵鉄寳宝寶宝" +
        "當当來来藏蔵豐豊惠恵會会圓円壽寿舘館穗穂靜静塚塚槇槙峯峰嵜崎冨富渕淵凾函曾曽彌弥顯顕榮栄鹽塩螢蛍佛仏" +
        "拂払辨弁瀨瀬鄕郷黑黒戶戸";

    private static char[] Build()
    {
        var t = new char[65536];
        for (int i = 0; i < t.Length; i++) t[i] = (char)i;
        for (int i = 0; i + 1 < Pairs.Length; i += 2) t[Pairs[i]] = Pairs[i + 1];
        return t;
    }

    public static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '々' or >= '\uF900' and <= '\uFAFF';
}
