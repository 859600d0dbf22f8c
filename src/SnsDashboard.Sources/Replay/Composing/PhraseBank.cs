namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// Japanese (and some English) text templates for composed posts, written the way residents,
/// officials and media post. Slots in braces are filled by <see cref="ScenarioBuilder.Fill"/>.
/// Place names come only from <see cref="PlaceCatalog"/> through the slots.
/// </summary>
internal static class PhraseBank
{
    public static readonly string[] Relatives =
        ["祖母", "祖父", "母", "父", "妻", "夫", "子ども", "隣のおばあちゃん", "近所の高齢のご夫婦", "義母", "叔父", "弟", "娘"];
    public static readonly string[] ShelterKinds = ["{t}小学校", "{t}中学校", "{t}公民館", "{c}総合体育館", "{t}地区集会所", "{c}役場前の広場"];
    public static readonly string[] Foods = ["ラーメン", "カレー", "唐揚げ", "馬刺し", "太平燕", "からし蓮根", "オムライス", "パンケーキ", "牛丼", "たこ焼き", "チーズケーキ", "冷やし中華"];
    public static readonly string[] Games = ["モンスト", "パズドラ", "スプラ", "原神", "ウマ娘", "FGO", "ポケモン", "APEX", "マイクラ", "どうぶつの森"];
    public static readonly string[] Shows = ["月9", "朝ドラ", "大河", "深夜アニメ", "音楽番組", "バラエティ", "韓国ドラマ", "ニュース番組のスポーツコーナー"];
    public static readonly string[] Pets = ["猫", "犬", "うさぎ", "ハムスター", "インコ", "柴犬", "メダカ"];
    public static readonly string[] Things = ["イヤホン", "新しいスニーカー", "推しのアクスタ", "観葉植物", "電動歯ブラシ", "マグカップ", "文庫本", "キャンプ用の椅子"];
    public static readonly string[] Celebrities = ["あのYouTuber", "例の社長", "某アイドル", "あの芸人", "人気インフルエンサー", "某配信者"];
    public static readonly string[] Emoji = ["", "", "😊", "😂", "🙏", "✨", "😭", "👍", "🍺", "💤"];

    /// <summary>Everyday posts with nothing to do with a disaster.</summary>
    public static readonly string[] Everyday =
    [
        "今日の晩ごはんは{food}{emoji}", "{food}食べたい…", "仕事終わった〜！明日も早いけど頑張る{emoji}", "明日の会議の資料まだできてない",
        "{pet}が膝の上で寝てて動けない{emoji}", "うちの{pet}かわいすぎる", "{show}見てる。今週も最高だった", "{show}の続きが気になりすぎる",
        "{game}のイベント周回中", "{game}で10連引いたら爆死した{emoji}", "{thing}買った！テンション上がる", "{thing}なくした…どこいった",
        "眠い。寝る{emoji}", "おやすみなさい{emoji}", "おはようございます。今日もいい天気になりそう", "朝ごはん食べすぎた",
        "コンビニの新作スイーツ当たりだった", "駅前の{food}屋さん、行列できてた", "今週末どこ行こうかな", "部屋の片付けが終わらない",
        "推しの誕生日なのでケーキ買った{emoji}", "ライブのチケット当たった！！", "ライブのチケット外れた…", "明日テストなのに何もしてない",
        "バイト先の店長が優しすぎる件", "電車で寝過ごした", "夜のコーヒーは失敗だった、眠れない", "久しぶりに実家に電話した",
        "筋トレ3日目。もう筋肉痛", "新しいカフェ見つけた{emoji}", "ネイル変えた💅", "洗濯物たたむの面倒くさい",
        "今日は{food}作った。我ながら上出来", "給料日まであと5日…", "夜ふかし確定", "野球、逆転勝ち！{emoji}",
        "サッカー日本代表の試合、明日だっけ", "息子が初めて「ありがとう」って言えた", "この漫画の最新刊いつ出るの", "ポイント5倍デーだから買い物行く",
        "髪切った。短くしすぎたかも", "在宅勤務、気づいたら一歩も外に出てない", "このアーティストの新曲ずっとリピートしてる", "熊本駅の近くの{food}屋さんおいしかった",
        "今日は一日中ゴロゴロしてた", "家族で焼肉{emoji}", "明日から出張。準備しなきゃ", "ドライブ行きたいなあ",
        "子どもの寝かしつけ完了。自由時間だ", "猫の動画見てたら2時間たってた", "ランニング5km完走", "映画館で映画見てきた、泣いた",
        "スマホの充電器どこやったっけ", "就活しんどい", "レポート提出完了！", "新しいパソコンほしい",
        "今日のお弁当は{food}", "日曜の夜って憂鬱", "花粉がつらい", "誕生日おめでとう自分{emoji}",
    ];

    /// <summary>Posts that contain disaster-looking words but are not about a disaster.</summary>
    public static readonly string[] FalseFriends =
    [
        "{game}で地震のイベント来た！限定キャラ欲しい", "明日は会社の避難訓練。階段で降りるのだるい", "子どもの学校で避難訓練があったらしい",
        "防災の日なので備蓄の見直しをした。ローリングストック大事", "防災グッズのセールやってた", "あれから{years}年。あの日のことは忘れない",
        "{years}年前の今日、初めてこの街に来た", "この曲、心が揺れる", "気持ちが揺れ動いてる…どうしよう", "{person}がまた炎上してる",
        "炎上商法にはうんざり", "台風の目みたいに静かな職場", "家事が終わらない。洗濯、掃除、料理…", "家事分担でケンカした",
        "ポケモンのじしん、強すぎない？", "アニメの作画崩壊してて草", "ドラマの最終回、衝撃が走った", "人気爆発中の{food}屋さん行ってきた",
        "テスト撃沈した…", "会議で撃沈", "ママが噴火した{emoji}", "人生、嵐のような一週間だった", "お客さんがなだれ込んできて大忙し",
        "地震保険の更新のお知らせ来てた", "耐震診断の案内が届いた", "防災訓練のお知らせ：来月の日曜日です", "シェイクアウト訓練、意外と真剣にやった",
        "夢で大きな地震にあって飛び起きた。夢でよかった", "映画の洪水シーン、迫力すごかった", "ゲームのステージが水没してて笑った",
    ];

    /// <summary>Hostile markup riding ordinary-looking posts (the UI must escape it).</summary>
    public static readonly string[] Hostile =
    [
        "<img src=x onerror=alert(1)> これ見て", "<script>alert('xss')</script>テスト投稿です", "まとめはこちら→ <a href=\"javascript:alert(1)\">リンク</a>",
        "<b>太字</b>になるかな？ <img src=x onerror=alert(document.cookie)>", "\"><script>alert(1)</script> 拡散希望",
    ];

    // ---- earthquake -------------------------------------------------------------------------

    public static readonly string[] QuakeRescue =
    [
        "#救助 {addr} 家が倒壊して{rel}が下敷きになっています。{n}人います", "#救助 {addr} 2階建ての1階が潰れて{rel}が閉じ込められています。声は聞こえます。{n}人",
        "#救助 {addr}付近 ブロック塀が倒れて{rel}が動けません。119番がつながりません", "#救助 {addr} {age}歳の{rel}がタンスの下敷きです。助けてください",
        "#救助 {addr} アパート{floor}階、ドアが歪んで開かず出られません。{n}人います", "#救助 {addr} 高齢の{rel}が寝たきりで自力で避難できません。車いすが必要です",
        "#救助 {addr} 家が傾いて{rel}({age}歳)が中に取り残されています。余震が怖くて入れません", "#救助要請 {addr} 倒壊した家屋に{n}人閉じ込め。うち1人けがをしています",
        "#救助 {addr} 瓦礫の下から声がします。近所の人だけでは無理です。重機が必要", "#救助 {addr} 子ども{kid}歳を含む{n}人が2階に閉じ込められています。階段が崩れました",
    ];
    public static readonly string[] QuakeDamage =
    [
        "{place}、家が何軒も倒壊してる。道に瓦が散乱", "{place}の古い木造住宅が全壊。怖い", "{city}、うちのブロック塀が倒れた。けが人はいない",
        "{place}で道路に亀裂。車は通れない", "{town}の商店街、シャッターが歪んでガラスが散乱してる", "マンションの壁にひび割れ。{place}",
        "{lm}の石垣が崩れてる…", "{place}、地割れがすごい。液状化っぽいところもある", "{city}で屋根瓦がほとんど落ちてる家ばかり",
        "{place}の神社の鳥居が倒れてた", "実家の{place}、半壊らしい。家族は無事", "{place} 家の中がめちゃくちゃ。食器全部割れた",
    ];
    public static readonly string[] QuakeFire =
    [
        "{addr}付近で火事。黒煙が上がってる", "{place}で火災発生、消防車のサイレンが聞こえる", "{place}の方角に煙が見える。火事？",
        "{addr} 倒壊した家から火が出てる。消防まだ来てない", "{place}、ガス臭い。火事にならないといいけど",
    ];
    public static readonly string[] QuakeFeel =
    [
        "揺れた！！！めっちゃ揺れた", "地震やばい。{city}、立っていられなかった", "{city}震度6くらいある？家具が全部倒れた",
        "また揺れてる。余震が止まらない", "今の揺れで目が覚めた。{city}", "地震こわい。子どもが泣き止まない",
        "緊急地震速報の音が鳴りやまない", "{place}、また余震。もう家の中にいられない", "車の中にいるけど揺れがすごい",
        "ドン！って下から突き上げられた。{city}", "本棚が倒れてきた。{place}", "余震のたびに心臓が止まりそう",
    ];
    public static readonly string[] QuakeRoad =
    [
        "{place}の県道、道路が陥没して通行止め", "{city}、橋の継ぎ目に段差ができてて危ない。通れない", "{place}付近 崖崩れで道がふさがってる",
        "{city}から熊本市方面、大渋滞。信号が消えてる", "{place} 電柱が倒れて通行止めになってる", "高速道路が通行止めらしい。下道も大渋滞",
        "{lm}周辺は警察が交通規制してます", "{place}の道、地割れで通れません。迂回してください",
    ];
    public static readonly string[] QuakeEnglish =
    [
        "Huge earthquake just hit Kumamoto. Everything fell off the shelves. Stay safe everyone.", "Another strong aftershock. We are sleeping in the car tonight.",
        "Is there any shelter information in English for foreigners in Kumamoto?", "Power is out in our apartment in {city}. Anyone know when it comes back?",
        "Praying for everyone in Kumamoto. The damage looks terrible on TV.", "The earthquake was so strong I could not stand. Our building in {city} has cracks.",
        "Earthquake in Kumamoto: roads are closed near {town}, please avoid driving.", "Does anyone know if the trains from Kumamoto station are running?",
    ];

    // ---- heavy rain / flood --------------------------------------------------------------------

    public static readonly string[] RainRescue =
    [
        "#救助 {addr} 1階が水没、2階に{n}人取り残されています。水位が上がってきています", "#救助 {addr} 屋根の上に避難しています。{rel}({age}歳)含め{n}人。ボートをお願いします",
        "#救助 {addr} 高齢者施設の1階が浸水して入所者が取り残されています", "#救助 {addr} 車が水に浸かって中に{n}人います。ドアが開きません",
        "#救助 {addr} 土砂崩れで家の一部が埋まりました。{rel}と連絡がとれません", "#救助 {addr} {age}歳の{rel}が1階で動けません。水が胸まで来ています",
        "#救助要請 {addr} 2階のベランダにいます。{n}人。子ども{kid}歳がいます", "#救助 {addr} 周りが全部水で孤立しています。{n}人、食料もありません",
        "#救助 {addr} 119番がつながりません。寝たきりの{rel}がいて垂直避難できません", "#救助 {addr}付近 濁流で家から出られません。{n}人います",
    ];
    public static readonly string[] RainFlood =
    [
        "{place}、道路が完全に冠水してる。膝上まで水", "{place}、床上浸水。家具が浮いてる", "{city}の川が氾濫してる。水の勢いがすごい",
        "{place}のアンダーパス水没。車が沈んでる", "{place} あっという間に水が上がってきた。2階に避難", "{city}、商店街が泥水につかってる",
        "{place}の田んぼが全部湖みたいになってる", "{place}、堤防の上まで水が来てる。越水しそう", "{city} 駐車場の車がみんな水没",
        "{place}、1階の天井近くまで浸水。こんなの初めて", "{place} 水位が上がり続けてる。怖い", "{city}、排水が追いつかず内水氾濫してる",
    ];
    public static readonly string[] RainLandslide =
    [
        "{place}で土砂崩れ。道路がふさがってる", "{place}の山の斜面が崩れて家に土砂が流れ込んだ", "{place}、裏山から石が落ちてくる音がする。怖い",
        "{place} 沢の水が急に濁ってきた。土石流の前兆？", "{place}でがけ崩れ、車が巻き込まれたらしい", "{city}、土砂で線路が埋まってる",
    ];
    public static readonly string[] RainFeel =
    [
        "雨の音がすごすぎて眠れない。{city}", "{city} 経験したことない雨。外が真っ白", "大雨特別警報出た…{city}の家族が心配",
        "スマホの緊急速報メールが鳴りっぱなし", "{city}、一晩中雷と豪雨", "線状降水帯ってやつ？全然やまない",
        "{place}、家の前の側溝があふれてる", "これ以上降ったらやばい。{city}", "{city}、雨が強すぎて車のワイパーが追いつかない",
        "防災無線が何言ってるか雨の音で聞こえない",
    ];
    public static readonly string[] RainRoad =
    [
        "{place}、冠水で通行止め", "{city}に向かう国道、土砂崩れで通行止め", "{place}の橋が流されたらしい。通れない",
        "{city}方面、道路が寸断されてて行けない", "在来線、大雨で運転見合わせ。{city}駅で足止め", "{place}付近 冠水した道路に車が立ち往生してる",
    ];
    public static readonly string[] RainEnglish =
    [
        "Severe flooding in {city}. The whole street is under water.", "Heavy rain emergency warning in Kyushu. Please evacuate if you are in a risk area.",
        "Praying for everyone affected by the floods in Kumamoto.", "Roads around {city} are flooded, we cannot get out.",
        "Is anyone collecting donations for the flood victims in {city}?", "The river in {city} overflowed this morning, so scary.",
    ];

    // ---- both ------------------------------------------------------------------------------------

    public static readonly string[] Power =
    [
        "{place}、停電中。真っ暗", "{city}全域停電してる？信号も消えてる", "{place} 停電。スマホの充電が残り20%",
        "{place}、電気がつかない。懐中電灯どこ", "{city}、ようやく復電した！", "停電で冷蔵庫の中身が心配。{place}",
    ];
    public static readonly string[] Water =
    [
        "{place}、断水してる。水が出ない", "{city}断水。給水所どこかわかる人いますか", "{place} 水道が止まった。トイレが流せない",
        "{school}で給水車来てます。容器持参で", "{place}、水が濁ってる。飲まない方がいいかも", "{city}、水が出ない家が多いみたい",
    ];
    public static readonly string[] ShelterResident =
    [
        "{school}の避難所、もう満員で入れない。車中泊します", "{school}に避難しました。人がいっぱい", "{school}、毛布が足りないみたい",
        "{city}の避難所ってどこが開いてる？", "{school}は避難所になってます。ペット同行可らしい", "避難所の{school}、トイレが大変なことに",
        "{place}、家にいるのが怖くて{school}に避難", "車中泊の人が多くて{school}の駐車場がいっぱい",
    ];
    public static readonly string[] Supplies =
    [
        "{school}の避難所、水と食料が足りません", "{city}のコンビニ、棚が空っぽ", "{school}でミルクとおむつが不足しています",
        "{city}、ガソリンスタンドに長い列", "{school}、炊き出し始まりました", "{place}の避難所に物資が届いていないです",
    ];
    public static readonly string[] Medical =
    [
        "{city}で透析を受けられる病院を探しています", "{place}、けが人がいて救急車を呼んだけど来ない", "持病の薬を家に置いてきた。{city}で処方してもらえる？",
        "熊本市民病院 の患者さんが転院してるらしい", "{school}に妊婦さんがいて体調が悪そう", "{city}、避難所で高齢者が体調を崩してる",
    ];
    public static readonly string[] Safety =
    [
        "{place}に住んでる{rel}と連絡が取れません。見かけた方いたら教えてください", "{city}の実家、家族全員無事でした。ご心配ありがとうございます",
        "{place}の皆さん大丈夫ですか？", "{rel}の安否確認できました。無事です", "{city}に住む友達と連絡つかない。誰か知ってる人いる？",
        "無事です。{school}にいます", "災害用伝言ダイヤル 171 使ってください",
    ];
    public static readonly string[] Sympathy =
    [
        "熊本の皆さん大丈夫かな…無事を祈ります", "ニュース見てびっくり。九州の友達が心配", "被災地の皆さん、どうか安全に",
        "テレビの映像が信じられない。{city}の皆さん無事でいて", "何かできることないかな。義援金受付始まったら寄付する",
    ];
    public static readonly string[] Rescued =
    [
        "【救助されました】{addr}の件、先ほど無事救助されました。拡散してくださった皆さんありがとうございました。元の投稿は削除します",
        "救助されました。ありがとうございました。{rel}も無事です", "先ほどの #救助 の件、消防の方に助けていただきました。ありがとうございます",
        "{place}の件、救出済みです。これ以上の拡散は不要です",
    ];
}
