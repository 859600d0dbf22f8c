using SnsDashboard.Core.Geo.Index;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Geo;

/// <summary>
/// Word lists that keep ordinary words and non-locating mentions from placing a post:
/// town names that are common words (中央, 本町, 栄 …) count only inside an address
/// (right after their municipality, or followed by a number); a place named as someone's origin,
/// a wish, a news topic or a cheer (熊本出身, 熊本に行きたい, 熊本のニュース, 熊本の皆さんがんばれ)
/// does not say where the event is.
/// </summary>
internal static class PlaceContext
{
    private static readonly HashSet<string> CommonWordTowns = new(new[]
    {
        "中央", "本町", "栄", "栄町", "駅前", "新町", "元町", "東町", "西町", "南町", "北町", "中町", "上町", "下町", "仲町",
        "旭町", "緑町", "幸町", "寿町", "大通", "港町", "昭和町", "大手町", "錦町", "桜町", "本郷", "新田", "市場", "中央町",
        "本通", "表町", "平和", "緑", "東", "西", "南", "北", "中", "上", "下", "宮", "港", "浜", "山", "川", "岡", "森",
        "大町", "小町", "今町", "新地", "古町", "横町", "朝日", "旭", "若葉", "青葉", "日の出", "住吉", "天神", "八幡",
        "明治", "大正", "昭和", "平成", "令和", "一番", "自由", "日本", "大学", "学園", "公園", "役場", "病院", "空港",
        "地震", "避難", "停電", "断水", "家", "道", "火事", "今日", "明日", "昨日", "今", "近く", "付近", "周辺",
    }.Select(CompiledGazetteer.Key), StringComparer.Ordinal);

    // Markers right after a mention (within the same clause) that make it non-locating.
    private static readonly string[] After = new[]
    {
        "出身", "に行きたい", "へ行きたい", "行きたい", "のニュース", "の報道", "の皆さん", "の皆様",
        "のみなさん", "のみんな", "がんばれ", "頑張れ", "に住んでた", "に住んでいた", "に実家", "に帰省", "の友達", "の友人",
        "の親戚", "の知り合い", "応援", "に寄付", "へ寄付", "産の", "名物", "ラーメン", "のために祈",
    }.Select(TextNormaliser.NormaliseTerm).ToArray();

    private static readonly string[] Before = new[] { "がんばれ", "頑張れ", "がんばろう", "頑張ろう", "祈り", "応援" }
        .Select(TextNormaliser.NormaliseTerm).ToArray();

    public static bool IsCommonWord(string key) => CommonWordTowns.Contains(key);

    /// <summary>True when the mention at [start, end) is a non-locating use (origin, wish, news, cheer).</summary>
    public static bool IsNonLocating(ReadOnlySpan<char> text, int start, int end)
    {
        int clauseEnd = end;
        while (clauseEnd < text.Length && clauseEnd - end < 14 && text[clauseEnd] is not ('。' or '、' or '!' or '?' or ' ' or '\n' or '#')) clauseEnd++;
        var after = text[end..clauseEnd];
        foreach (var m in After)
            if (after.StartsWith(m) || (m.Length >= 3 && after.Contains(m, StringComparison.Ordinal))) return true;
        int clauseStart = Math.Max(0, start - 6);
        var before = text[clauseStart..start];
        foreach (var m in Before)
            if (before.EndsWith(m) || before.EndsWith(m + " ")) return true;
        return false;
    }

    /// <summary>Ideographs that may follow a town name without being part of a longer word.</summary>
    public static bool IsLocativeSuffix(char c) => c is '付' or '辺' or '方' or '周' or '側' or '地' or '内' or '在' or '駅' or '近' or '全' or '一' or '界';
}
