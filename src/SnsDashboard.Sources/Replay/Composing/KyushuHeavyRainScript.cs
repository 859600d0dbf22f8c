namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// A heavy-rain day in Kyushu, modelled on the July 2020 flood and compressed into 3 h 40 min: a
/// 大雨特別警報 for southern Kumamoto at 04:50, the river flooding central 人吉市 and 球磨村 from
/// about 05:40, then heavy rain moving north over Fukuoka, Saga and Oita after 07:00.
/// Fictitious date, accounts and posts. Rivers are not named: the demo gazetteer does not know them.
/// </summary>
internal sealed class KyushuHeavyRainScript : ScenarioScript
{
    public const string Key = "kyushu";
    private static readonly DateTimeOffset Start0 = new(2026, 7, 4, 4, 20, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset Warning = new(2026, 7, 4, 4, 50, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset Overflow = new(2026, 7, 4, 5, 40, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset NorthRain = new(2026, 7, 4, 7, 0, 0, TimeSpan.FromHours(9));

    public KyushuHeavyRainScript() : base(20200704, Key, 1_934_000_000_000_000_000, Start0, TimeSpan.FromMinutes(220), PlaceCatalog.FloodSouth, Warning) { }

    protected override double DisasterRate(DateTimeOffset at) =>
        at < Warning ? 0.7 : at < Overflow ? 2.5 : at < Overflow.AddMinutes(30) ? 7.5 : at < NorthRain ? 6 : 6.5;

    protected override IReadOnlyList<PostCategory> Mix(DateTimeOffset at)
    {
        IReadOnlyList<Place> area = at < NorthRain.AddMinutes(-10)
            ? PlaceCatalog.FloodSouth
            : PlaceCatalog.FloodSouth.Concat(PlaceCatalog.RainNorth).Concat(PlaceCatalog.RainNorth).ToArray();
        var flooding = at >= Overflow;
        return
        [
            new("feel", PhraseBank.RainFeel, area, flooding ? 1.5 : 5),
            new("rescue", PhraseBank.RainRescue, area, flooding ? 2.2 : 0.3) { IsRescue = true, ImageChance = 0.2, GeoChance = 0.3 },
            new("flood", PhraseBank.RainFlood, area, flooding ? 3.0 : 1.0) { ImageChance = 0.4, GeoChance = 0.12 },
            new("landslide", PhraseBank.RainLandslide, area, 0.8) { ImageChance = 0.3, GeoChance = 0.1 },
            new("road", PhraseBank.RainRoad, area, 1.0) { ImageChance = 0.2 },
            new("power", PhraseBank.Power, area, flooding ? 0.7 : 0.2),
            new("water", PhraseBank.Water, area, flooding ? 0.5 : 0.1),
            new("shelter", PhraseBank.ShelterResident, area, 1.1),
            new("supplies", PhraseBank.Supplies, area, flooding ? 0.4 : 0.05),
            new("medical", PhraseBank.Medical.Where(t => !t.Contains("熊本市民病院")).ToArray(), area, 0.3),
            new("safety", PhraseBank.Safety, area, flooding ? 1.0 : 0.4),
            new("sympathy", PhraseBank.Sympathy, area, 0.5),
            new("english", PhraseBank.RainEnglish, area, 0.3) { Lang = "en" },
        ];
    }

    protected override void Script()
    {
        Official(At(4, 4, 30, 0), "x-jma", "【大雨警報】熊本県 人吉市 球磨村 八代市 芦北町に大雨警報（土砂災害、浸水害）を発表しています。線状降水帯による非常に激しい雨が同じ場所で降り続いています。", reposts: 6);
        Official(At(4, 4, 50, 20), "x-jma", "【大雨特別警報】熊本県 人吉市 球磨村 八代市 芦北町に大雨特別警報を発表しました。これまでに経験したことのないような大雨になっています。命を守るための最善の行動をとってください。", reposts: 30);
        Official(At(4, 4, 53, 0), "x-nhk-news", "【速報】熊本県に大雨特別警報 人吉市 球磨村など 直ちに命を守る行動を", reposts: 18);
        Official(At(4, 5, 2, 0), "x-hitoyoshi-city", "【人吉市】市内全域に警戒レベル5 緊急安全確保を発令しました。すでに安全な避難ができず命が危険な状況です。少しでも高い場所へ移動してください。", reposts: 20);
        Official(At(4, 5, 10, 0), "x-kumamoto-pref", "【熊本県】大雨特別警報の発表を受け、熊本県災害対策本部を設置しました。人吉市、球磨村、八代市、芦北町では直ちに命を守る行動をとってください。", reposts: 8);
        Official(At(4, 5, 25, 0), "x-hitoyoshi-city", "【人吉市 避難所開設】人吉市総合体育館、麓町公民館、中青井町地区集会所を開設しています。車での移動は危険です。無理な移動は避けてください。", reposts: 12);
        Official(At(4, 5, 58, 0), "x-nhk-news", "人吉市で川が氾濫 市街地が広い範囲で浸水 九日町、紺屋町付近で住宅の屋根近くまで水", reposts: 20, image: true);
        Official(At(4, 6, 5, 0), "x-jr-kyushu", "【運行情報】大雨の影響で、熊本県南部の在来線は全線で運転を見合わせています。人吉駅構内が浸水しています。", reposts: 6);
        Official(At(4, 6, 12, 0), "x-kkt-news", "球磨村渡地区の高齢者施設が浸水、入所者が取り残されているとの情報。消防と自衛隊が救助に向かっています。", reposts: 16, image: true);
        Official(At(4, 6, 25, 0), "x-kyuden-td", "【停電情報】6時20分現在、熊本県内で約7,900戸が停電しています（人吉市、球磨村、八代市坂本町、芦北町）。浸水のため復旧作業に入れない地域があります。", reposts: 5);
        Official(At(4, 6, 40, 0), "x-kumamoto-pref", "【熊本県】人吉市、球磨村、八代市坂本町、芦北町で孤立集落が発生しています。救助要請は119番へ。つながらない場合はSNSで #救助 と住所を投稿してください。", reposts: 14);
        Official(At(4, 6, 52, 0), "x-hitoyoshi-city", "【人吉市】市内全域で断水しています。給水所は人吉市総合体育館です。浸水した地域では水道水を飲まないでください。", reposts: 8);
        Official(At(4, 7, 0, 0), "x-jma", "【大雨警報】福岡県 久留米市 大牟田市 朝倉市、佐賀県 武雄市 大町町、大分県 日田市に大雨警報（浸水害）を発表しました。記録的短時間大雨情報も発表されています。", reposts: 8);
        Official(At(4, 7, 10, 0), "x-kurume-city", "【久留米市】城島町、田主丸町に警戒レベル4 避難指示を発令しました。城島町公民館、田主丸町中学校を避難所として開設しています。", reposts: 10);
        Official(At(4, 7, 18, 0), "x-takeo-city", "【武雄市】北方町、朝日町に警戒レベル4 避難指示を発令しました。武雄市総合体育館を開設しています。夜間の移動は危険ですので明るいうちに避難してください。", reposts: 9);
        Official(At(4, 7, 30, 30), "x-jma", "【大雨特別警報】福岡県 久留米市 大牟田市 朝倉市、佐賀県 武雄市 大町町、大分県 日田市に大雨特別警報を発表しました。命を守るための最善の行動をとってください。", reposts: 25);
        Official(At(4, 7, 36, 0), "x-nishinippon", "大牟田市三川町で広範囲に冠水、住宅に取り残された人の救助続く。久留米市でも内水氾濫", reposts: 9, image: true);
        Official(At(4, 7, 44, 0), "x-nhk-news", "日田市天瀬町で川が増水、橋が流失 朝倉市杷木で土砂崩れ", reposts: 12, image: true);
        Official(At(4, 7, 50, 0), "x-kyuden-td", "【停電情報】7時45分現在、九州全体で約12,400戸が停電しています（熊本県南部、大牟田市、日田市ほか）。", reposts: 4);

        Rumour(At(4, 6, 8, 0), "人吉市の上流のダムが決壊するらしい！今すぐ逃げて 拡散希望", copies: 10, reposts: 18,
            denialBy: "x-hitoyoshi-city", denialAfterMinutes: 24, denialText: "【人吉市】「ダムが決壊する」という情報がSNSで広がっていますが、事実ではありません。県でもそのような情報は確認していません。引き続き高い場所で安全を確保してください。");
        Rumour(At(4, 6, 35, 0), "球磨村で避難所が流されて全員行方不明になったって本当？", copies: 5, reposts: 6,
            denialBy: "x-kumamoto-pref", denialAfterMinutes: 35, denialText: "【熊本県】球磨村の避難所が流されたという情報はデマです。村内の指定避難所の被害は確認されていません。");
        Rumour(At(4, 7, 22, 0), "久留米市の堤防が決壊したって！城島町もうだめらしい", copies: 6, reposts: 8, image: true,
            denialBy: "x-kurume-city", denialAfterMinutes: 20, denialText: "【久留米市】市内で堤防が決壊したという事実はありません。城島町では内水による浸水が発生しています。避難指示に従って行動してください。");
        Rumour(At(4, 7, 40, 0), "避難所で窃盗が多発してるらしい、貴重品は置いていくな", copies: 4, reposts: 3);
    }
}
