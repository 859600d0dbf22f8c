namespace SnsDashboard.Core.Reliability;

/// <summary>Finds denials, corrections, contradictions and known hoax patterns in one post (pure).</summary>
/// <remarks>
/// A <em>denial</em> says another report is false (デマ, 誤情報, 事実ではありません, フェイク,
/// 拡散しないで …). A <em>contradiction</em> says the opposite of a report at a place
/// (停電していません, 通れました …; deliberately specific, since
/// 「救助が到着していません」 is a report, not a contradiction); it only counts against claims at the same place. A
/// <em>known hoax pattern</em> is a rumour type seen in earlier disasters (the 2016 Kumamoto
/// "lion escaped from the zoo", "artificial earthquake", "poisoned wells"): all of its parts
/// must occur, so 「ライオンのぬいぐるみ」 alone is not a hoax. General warnings (デマに注意) are
/// denials too; whether they contradict a specific claim is decided by the claim tracker from
/// the text overlap.
/// </remarks>
public static class DenialDetector
{
    private static readonly MarkerSet Denials = new(
        "デマ", "誤情報", "事実ではありません", "事実ではない", "事実無根", "フェイク", "拡散しないで", "拡散しないよう",
        "ガセ", "嘘です", "うそです", "誤りです", "虚偽", "確認されていません", "そのような事実は", "偽情報", "悪質な投稿");
    private static readonly MarkerSet Contradictions = new(
        "停電していません", "断水していません", "倒壊していません", "浸水していません", "冠水していません", "燃えていません",
        "起きていません", "通れました", "通行できます", "被害はありません", "被害は出ていません");

    /// <summary>Each pattern matches when all of its parts occur (normalised).</summary>
    private static readonly (string Name, MarkerSet[] Parts)[] HoaxPatterns =
    [
        ("lion_escaped", [new("ライオン"), new("逃げ", "脱走", "放たれ", "うろついて")]),
        ("zoo_animals_escaped", [new("動物園"), new("逃げ出し", "脱走")]),
        ("artificial_earthquake", [new("人工地震", "地震兵器")]),
        ("poisoned_wells", [new("井戸"), new("毒")]),
        ("foreigner_crime_rumour", [new("外国人"), new("窃盗団", "暴動", "略奪")]),
        ("earthquake_prediction", [new("大地震が来る", "本震が来る", "地震が起きる"), new("予言", "予知", "日に", "時に")]),
    ];

    public static DenialSignal Detect(ReadOnlySpan<char> normalisedText)
    {
        string? denial = Denials.Find(normalisedText);
        string? contradiction = denial is null ? Contradictions.Find(normalisedText) : null;
        string? hoax = null;
        foreach (var (name, parts) in HoaxPatterns)
        {
            bool all = true;
            foreach (var p in parts) if (!p.Contains(normalisedText)) { all = false; break; }
            if (all) { hoax = name; break; }
        }
        // A post that denies a hoax ("ライオンが逃げたはデマ") is a denial, not the hoax itself.
        if (denial is not null) hoax = null;
        return denial is null && contradiction is null && hoax is null ? DenialSignal.None : new DenialSignal(denial, contradiction, hoax);
    }
}

/// <summary>What <see cref="DenialDetector"/> found: the denial marker, the contradiction marker
/// (only when there is no denial marker) and the known hoax pattern name, each null when absent.</summary>
public sealed record DenialSignal(string? DenialMarker, string? ContradictionMarker, string? HoaxPattern)
{
    public static DenialSignal None { get; } = new(null, null, null);
    public bool IsDenial => DenialMarker is not null;
    public bool ContradictsSomething => DenialMarker is not null || ContradictionMarker is not null;
}
