namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// A strong earthquake in Kumamoto prefecture, modelled on April 2016 and compressed into four
/// hours: a 震度6強 foreshock in the evening (21:26), a 震度7 main shock after midnight (00:03)
/// centred on 益城町 and 西原村. Fictitious date, accounts and posts.
/// </summary>
internal sealed class KumamotoEarthquakeScript : ScenarioScript
{
    public const string Key = "kumamoto";
    private static readonly DateTimeOffset Start0 = new(2026, 4, 14, 21, 10, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset Foreshock = new(2026, 4, 14, 21, 26, 14, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset Mainshock = new(2026, 4, 15, 0, 3, 41, TimeSpan.FromHours(9));

    public KumamotoEarthquakeScript() : base(20160414, Key, 1_912_000_000_000_000_000, Start0, TimeSpan.FromHours(4), PlaceCatalog.QuakeArea, Foreshock) { }

    protected override double DisasterRate(DateTimeOffset at)
    {
        if (at < Foreshock.AddSeconds(-14)) return 0;
        var sinceFore = (at - Foreshock).TotalMinutes;
        var rate = 6.0 * Math.Exp(-sinceFore / 25) + 1.7;
        if (at >= Mainshock.AddSeconds(-41))
            rate += 9.0 * Math.Exp(-(at - Mainshock).TotalMinutes / 25) + 1.6;
        return rate;
    }

    protected override IReadOnlyList<PostCategory> Mix(DateTimeOffset at)
    {
        var area = PlaceCatalog.QuakeArea;
        var core = PlaceCatalog.QuakeEpicentre;
        var afterMain = at >= Mainshock;
        var minutes = (at - (afterMain ? Mainshock : Foreshock)).TotalMinutes;
        var early = minutes < 30;
        return
        [
            new("feel", PhraseBank.QuakeFeel, area, early ? 5 : 2),
            new("rescue", PhraseBank.QuakeRescue, core, afterMain ? 2.2 : 1.4) { IsRescue = true, ImageChance = 0.15, GeoChance = 0.25 },
            new("damage", PhraseBank.QuakeDamage, afterMain ? core : area, 2.2) { ImageChance = 0.35, GeoChance = 0.12 },
            new("fire", PhraseBank.QuakeFire, area, 0.5) { ImageChance = 0.3, GeoChance = 0.1 },
            new("road", PhraseBank.QuakeRoad, area, 1.0) { ImageChance = 0.2 },
            new("power", PhraseBank.Power, area, early ? 1.2 : 0.8),
            new("water", PhraseBank.Water, area, early ? 0.3 : 0.9),
            new("shelter", PhraseBank.ShelterResident, area, early ? 0.6 : 1.4),
            new("supplies", PhraseBank.Supplies, area, early ? 0.1 : 0.6),
            new("medical", PhraseBank.Medical, area, 0.4),
            new("safety", PhraseBank.Safety, area, 0.9),
            new("sympathy", PhraseBank.Sympathy, area, 0.7),
            new("english", PhraseBank.QuakeEnglish, area, 0.35) { Lang = "en" },
        ];
    }

    protected override void Script()
    {
        // Foreshock.
        Official(At(14, 21, 26, 40), "x-jma", "【緊急地震速報】熊本県で地震 強い揺れに警戒してください", reposts: 12);
        Official(At(14, 21, 28, 5), "x-jma",
            "【震度速報】14日21時26分ごろ地震がありました。震度6強：熊本県 益城町。震度6弱：熊本市東区 熊本市南区 嘉島町 宇城市。震度5強：熊本市中央区 熊本市西区 熊本市北区 西原村 菊陽町 御船町 大津町", reposts: 20);
        Official(At(14, 21, 34, 0), "x-jma",
            "【地震情報】14日21時26分ごろ、熊本県で震度6強を観測する地震がありました。震源の深さは約10km、地震の規模（マグニチュード）は6.2と推定されます。この地震による津波の心配はありません。", reposts: 10);
        Official(At(14, 21, 29, 30), "x-nhk-news", "【速報】熊本県で震度6強 益城町 津波の心配なし", reposts: 15);
        Official(At(14, 21, 38, 10), "x-kkt-news", "熊本県益城町で震度6強の揺れ。益城町役場周辺では建物の倒壊や火災の情報があります。県内の被害状況を取材中です。", reposts: 8, image: true);
        Official(At(14, 21, 47, 0), "x-kumamoto-pref", "【熊本県】21時26分ごろ発生した地震を受け、熊本県災害対策本部を設置しました。被害情報の収集を進めています。", reposts: 6);
        Official(At(14, 21, 52, 0), "x-mashiki-town", "【益城町】町内の避難所を開設しました。益城町役場周辺の公民館、宮園小学校、木山中学校、安永公民館。余震が続いています。倒壊のおそれのある建物に近づかないでください。", reposts: 14);
        Official(At(14, 22, 3, 0), "x-kyuden-td", "【停電情報】22時00分現在、熊本県内で約16,700戸が停電しています（熊本市東区、益城町、嘉島町、御船町ほか）。復旧作業を進めています。", reposts: 5);
        Official(At(14, 22, 8, 0), "x-jr-kyushu", "【運行情報】地震の影響で、熊本県内の在来線は全線で運転を見合わせています。九州新幹線は熊本駅付近で脱線した車両があり運転を見合わせています。", reposts: 9);
        Official(At(14, 22, 15, 0), "x-kumamoto-city", "【熊本市】市内の小中学校などを指定避難所として開設しました。東区：健軍小学校、秋津小学校、若葉小学校。中央区：大江小学校、九品寺公民館。南区：城南町公民館。", reposts: 12);
        Official(At(14, 22, 24, 0), "x-nishinippon", "熊本で震度6強、益城町で家屋倒壊相次ぐ 下敷きの情報も", reposts: 7, image: true);
        Official(At(14, 22, 40, 0), "x-jma", "【気象庁】今後1週間程度、最大震度6弱程度の揺れの余震に注意してください。揺れの強かった地域では、家屋の倒壊や土砂災害などの危険性が高まっています。", reposts: 10);
        Official(At(14, 22, 58, 0), "x-kumamoto-city", "【熊本市 断水情報】東区・中央区の一部地域で断水しています。給水所：健軍小学校、大江小学校。容器をお持ちください。", reposts: 8);
        Official(At(14, 23, 20, 0), "x-nhk-news", "熊本 益城町で震度6強 これまでに複数の死者 けが人多数 県が自衛隊に災害派遣要請", reposts: 11);
        Official(At(14, 23, 35, 0), "x-mashiki-town", "【益城町】宮園小学校の避難所は満員となりました。木山中学校、安永公民館へ避難してください。", reposts: 9);
        Official(At(14, 23, 44, 0), "x-kyuden-td", "【停電情報】23時40分現在、熊本県内の停電は約8,200戸まで減少しました。益城町、嘉島町の一部で停電が続いています。", reposts: 3);

        // Main shock.
        Official(At(15, 0, 3, 58), "x-jma", "【緊急地震速報】熊本県で地震 強い揺れに警戒してください", reposts: 15);
        Official(At(15, 0, 5, 30), "x-jma",
            "【震度速報】15日0時3分ごろ地震がありました。震度7：熊本県 益城町 西原村。震度6強：熊本市中央区 熊本市東区 熊本市西区 南阿蘇村 菊陽町 宇城市 嘉島町 大津町。震度6弱：熊本市南区 熊本市北区 阿蘇市 御船町", reposts: 25);
        Official(At(15, 0, 6, 30), "x-nhk-news", "【速報】熊本県で震度7 益城町 西原村 強い揺れ", reposts: 20);
        Official(At(15, 0, 12, 0), "x-jma",
            "【地震情報】15日0時3分ごろ、熊本県で震度7を観測する地震がありました。震源の深さは約12km、地震の規模（マグニチュード）は7.1と推定されます。この地震による津波の心配はありません。21時26分ごろの地震は前震と考えられます。", reposts: 14);
        Official(At(15, 0, 14, 0), "x-kumamoto-pref", "【熊本県】再び強い地震が発生しました。身の安全を確保し、倒壊のおそれのある建物から離れてください。県内全域で被害情報を収集中です。", reposts: 10);
        Official(At(15, 0, 21, 0), "x-kkt-news", "南阿蘇村で阿蘇大橋が崩落した模様。付近の道路は全面通行止め。立野地区で大規模な土砂崩れの情報。", reposts: 13, image: true);
        Official(At(15, 0, 24, 0), "x-nhk-news", "熊本城 石垣が各所で崩落 天守閣の瓦も落下", reposts: 16, image: true);
        Official(At(15, 0, 26, 0), "x-kyuden-td", "【停電情報】0時20分現在、熊本県内で約47万7千戸が停電しています。復旧の見通しは立っていません。", reposts: 9);
        Official(At(15, 0, 31, 0), "x-kumamoto-city", "【熊本市】本震を受け、市内全域に避難指示を発令しました。すべての指定避難所を開設します。熊本市民病院は建物被害のため入院患者の転院を進めています。", reposts: 15);
        Official(At(15, 0, 37, 0), "x-mashiki-town", "【益城町】益城町役場は庁舎被害のため、災害対策本部を保健福祉センターに移しました。救助要請は119番へ。つながらない場合は消防団にお声かけください。", reposts: 12);
        Official(At(15, 0, 45, 0), "x-jr-kyushu", "【運行情報】九州新幹線・在来線とも終日運転を見合わせます。熊本駅は駅舎点検のため閉鎖しています。", reposts: 6);
        Official(At(15, 0, 50, 0), "x-nishinippon", "熊本で再び震度7 西原村、南阿蘇村で土砂崩れ 救助活動続く", reposts: 6);
        Official(At(15, 1, 2, 0), "x-jma", "【気象庁】今後1週間程度、最大震度6強程度の地震に注意してください。特に今後2〜3日程度は規模の大きな地震が発生することが多くあります。", reposts: 12);

        // Rumours and denials.
        Rumour(At(14, 22, 10, 12), "おいふざけんな、地震のせいでうちの近くの動物園からライオン放たれたんだが 熊本市", copies: 9, reposts: 18, image: true,
            denialBy: "x-kumamoto-city", denialAfterMinutes: 38, denialText: "【注意】「動物園からライオンが逃げた」という情報がSNSで拡散していますが、デマです。動物の逃走は確認されていません。事実ではありませんので、拡散しないでください。");
        Rumour(At(14, 22, 47, 0), "熊本駅前のショッピングモールが火事らしい。煙がすごいって 拡散希望", copies: 5, reposts: 7,
            denialBy: "x-kumamoto-city", denialAfterMinutes: 30, denialText: "熊本駅周辺の商業施設で火災が発生したという情報は事実ではありません。消防局でも火災は確認されていません。");
        Rumour(At(14, 23, 5, 0), "知り合いの消防士から聞いた。今夜もっと大きい地震が来るから絶対に家に戻るなって 拡散希望", copies: 7, reposts: 10,
            denialBy: "x-jma", denialAfterMinutes: 25, denialText: "【気象庁】日時と場所を特定した地震の予知はできません。根拠のない情報に惑わされないでください。ただし、揺れの強かった地域では引き続き余震に注意してください。");
        Rumour(At(15, 0, 40, 0), "熊本市の井戸に毒が入れられたらしい。水は絶対飲むな", copies: 6, reposts: 6,
            denialBy: "x-kumamoto-city", denialAfterMinutes: 22, denialText: "【熊本市】「井戸に毒が入れられた」という投稿がありますが、そのような事実は確認されていません。デマにご注意ください。");
        Rumour(At(15, 0, 55, 0), "益城町で窃盗団が空き家を狙ってるらしい、外国人のグループだって", copies: 4, reposts: 3,
            denialBy: "x-mashiki-town", denialAfterMinutes: 12, denialText: "【益城町】町内で窃盗団が活動しているという情報は警察でも確認されていません。不確かな情報の拡散はお控えください。");
    }
}
