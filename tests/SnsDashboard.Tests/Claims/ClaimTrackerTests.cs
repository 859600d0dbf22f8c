using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Claims;

/// <summary>Claims through the real analyser (glossary, demo gazetteer, grader, copies, tracker).</summary>
public class ClaimTrackerTests
{
    private readonly ClaimStatusBoard _board = new();
    private readonly PostAnalyser _analyser;
    private int _minute;

    public ClaimTrackerTests() => _analyser = NewAnalyser(_board);

    private static PostAnalyser NewAnalyser(ClaimStatusBoard board, ClaimTrackerOptions? options = null) =>
        new(new SnapshotHolder(new PipelineSnapshot(StarterGlossary, DemoGaz, Registry)), board, options);

    /// <summary>Each post one minute after the previous one.</summary>
    private PostAnalysis Post(string text, string id, string author = "u-long", Func<Post, Post>? change = null)
    {
        var p = Make(text, id, author) with { CreatedAt = Now.AddMinutes(_minute++) };
        if (change is not null) p = change(p);
        return _analyser.Analyse(p, p.CreatedAt);
    }

    [Fact]
    public void Copy_storm_from_many_accounts_is_one_claim_and_not_corroboration()
    {
        var first = Post("#救助 益城町木山で祖母が家の下敷きになっています。助けてください", "1", "a");
        var results = Enumerable.Range(2, 6)
            .Select(i => Post($"#救助 益城町木山で祖母が家の下敷きになっています！助けてください #拡散希望 #{i}", $"{i}", $"acct{i}")).ToList();
        Assert.All(results, r => Assert.Equal(first.ClaimId, r.ClaimId));
        Assert.All(results, r => Assert.NotNull(r.DuplicateOf));
        Assert.All(results, r => Assert.Equal(ClaimStatuses.Unverified, r.ClaimStatus));
        Assert.All(results, r => Assert.Contains(r.Reliability.Reasons, x => x.StartsWith("copy_not_independent:")));
        var view = _board.Find(first.ClaimId)!;
        Assert.Equal(7, view.Posts);
        Assert.Equal(6, view.Copies);
        Assert.Equal(1, view.IndependentAuthors);
    }

    [Fact]
    public void Independent_reports_of_the_same_town_and_category_corroborate()
    {
        var a = Post("益城町木山で住宅が倒壊しています、今目の前で", "1", "a");
        var b = Post("益城町木山の実家が倒壊した、近所の家も潰れている", "2", "b");
        var c = Post("益城町木山を今車で通ったら家屋倒壊が多数、道路も塞がっています", "3", "c");
        Assert.Equal(a.ClaimId, b.ClaimId);
        Assert.Equal(a.ClaimId, c.ClaimId);
        Assert.Equal(ClaimStatuses.Corroborated, c.ClaimStatus);
        Assert.Contains(c.Reliability.Reasons, r => r == "corroborated_by_independent:2");
        Assert.True(c.Reliability.Credibility <= 2);
        Assert.Equal(ClaimStatuses.Corroborated, _board.StatusOf(a.ClaimId, a.ClaimStatus));
    }

    [Fact]
    public void Same_author_twice_and_brand_new_accounts_are_not_independent()
    {
        var a = Post("益城町木山で住宅が倒壊しています", "1", "a");
        Post("益城町木山でまた別の家も倒壊しています", "2", "a");
        var n = Post("益城町木山で家が倒壊してます", "3", "new", p => p with { Author = new PostAuthor { Id = "new", AccountCreatedAt = p.CreatedAt.AddDays(-1) } });
        Assert.Equal(a.ClaimId, n.ClaimId);
        Assert.Equal(ClaimStatuses.Unverified, n.ClaimStatus);
        Assert.Equal(1, _board.Find(a.ClaimId)!.IndependentAuthors);
    }

    [Fact]
    public void Other_places_and_a_long_silence_start_new_claims()
    {
        var a = Post("益城町木山で住宅が倒壊しています", "1", "a");
        var other = Post("熊本市東区健軍本町で住宅が倒壊しています", "2", "b");
        Assert.NotEqual(a.ClaimId, other.ClaimId);
        _minute += 120;
        var later = Post("益城町木山の公民館の隣の古い家が倒壊したのを見ました", "3", "c");
        Assert.NotEqual(a.ClaimId, later.ClaimId);
    }

    [Fact]
    public void Repost_of_an_official_post_inherits_its_grade_and_claim()
    {
        var jma = Post("熊本県熊本地方で震度7を観測しました。津波の心配はありません", "j1", "x-jma");
        Assert.Equal("A1", jma.Reliability.Code);
        var repost = Post("熊本県熊本地方で震度7を観測しました。津波の心配はありません", "r1", "fan",
            p => p with { Kind = PostKinds.Repost, RepostOfId = "j1" });
        Assert.Equal("A1", repost.Reliability.Code);
        Assert.Equal(jma.ClaimId, repost.ClaimId);
        Assert.Equal("j1", repost.DuplicateOf);
        Assert.Contains("repost_inherits:j1", repost.Reliability.Reasons);
    }

    [Fact]
    public void Reposts_of_an_unseen_original_share_one_claim_and_stay_capped()
    {
        var r1 = Post("益城町で火災", "r1", "a", p => p with { Kind = PostKinds.Repost, RepostOfId = "gone" });
        var r2 = Post("益城町で火災", "r2", "b", p => p with { Kind = PostKinds.Repost, RepostOfId = "gone" });
        Assert.Equal(r1.ClaimId, r2.ClaimId);
        Assert.Equal(ClaimStatuses.Unverified, r2.ClaimStatus);
        Assert.Contains("repost_not_independent", r2.Reliability.Reasons);
    }

    [Fact]
    public void Denial_marks_the_rumour_disputed_and_announces_the_change()
    {
        var changes = new List<ClaimStatusChange>();
        _board.Changed += changes.Add;
        var rumour = Post("地震で熊本の動物園からライオンが逃げたらしい！！ #拡散希望", "1", "a");
        var copy = Post("RT 地震で熊本の動物園からライオンが逃げたらしい！ #拡散希望 #熊本地震", "2", "b");
        Assert.Equal(rumour.ClaimId, copy.ClaimId);
        Assert.Equal(ClaimStatuses.Disputed, rumour.ClaimStatus);   // known hoax pattern: disputed at once

        var denial = Post("熊本の動物園からライオンが逃げたというのはデマです。拡散しないで", "3", "c");
        Assert.NotEqual(rumour.ClaimId, denial.ClaimId);
        Assert.Contains($"contradicts_claim:{rumour.ClaimId}", denial.Reliability.Reasons);
        Assert.Equal(1, _board.Find(rumour.ClaimId)!.Contradictions);
        Assert.Contains(changes, c => c.ClaimId == rumour.ClaimId && c.To == ClaimStatuses.Disputed);
    }

    [Fact]
    public void Edited_copies_of_a_hoax_with_words_added_or_dropped_form_one_claim_without_independence()
    {
        // The Kumamoto 2016 lion hoax as it spread: the same sentence with a cause added in front
        // or a hearsay ending and a warning appended (estimated Jaccard ≈ 0.5: not a verbatim copy).
        var first = Post("地震のせいで熊本の動物園からライオンが逃げた #拡散希望", "1", "troll");
        var copies = Enumerable.Range(2, 4)
            .Select(i => Post($"熊本の動物園からライオンが逃げたらしい！！気をつけて #拡散希望 #{i}", $"{i}", $"acct{i}")).ToList();
        Assert.All(copies, c => Assert.Equal(first.ClaimId, c.ClaimId));
        Assert.Contains(copies[0].Reliability.Reasons, r => r == "copy_not_independent:1");
        Assert.Equal("1", copies[0].DuplicateOf);
        Assert.Equal(1, _board.Find(first.ClaimId)!.IndependentAuthors);
    }

    [Fact]
    public void A_different_rumour_in_the_same_frame_and_different_reports_in_similar_words_stay_apart()
    {
        var lion = Post("地震のせいで熊本の動物園からライオンが逃げたらしい #拡散希望", "1", "a");
        var fire = Post("地震のせいで熊本の動物園で火事があったらしい #拡散希望", "2", "b");
        Assert.NotEqual(lion.ClaimId, fire.ClaimId);
        Assert.Null(fire.DuplicateOf);
        // Two residents describing their own homes: similar words, independent observations.
        var a = Post("家の中がめちゃくちゃ、食器棚が倒れてガラスが全部割れた", "3", "c");
        var b = Post("うちも食器棚が倒れて皿が全部割れた、足の踏み場がない", "4", "d");
        Assert.Null(b.DuplicateOf);
        Assert.DoesNotContain(b.Reliability.Reasons, r => r.StartsWith("copy_not_independent:"));
        _ = a;
    }

    [Fact]
    public void A_denial_of_a_prophecy_reaches_the_rumour_it_names_in_either_order()
    {
        var rumour = Post("明日の夜にもっと大きな本震が来ると気象庁の人が言ってたらしい", "1", "a");
        var denial = Post("本震が来るという予言はデマです。地震の予知はできません", "2", "x-jma");
        Assert.Contains($"contradicts_claim:{rumour.ClaimId}", denial.Reliability.Reasons);
        Assert.Equal(ClaimStatuses.Debunked, _board.StatusOf(rumour.ClaimId, rumour.ClaimStatus));

        // Posted after the denial, the same prophecy in other words is contradicted on arrival.
        var later = Post("今夜また本震が来るって近所の人が言ってた、家に戻らないで", "3", "b");
        Assert.Equal(ClaimStatuses.Debunked, later.ClaimStatus);
    }

    [Fact]
    public void A_denial_naming_no_place_does_not_dispute_located_reports_of_the_same_kind()
    {
        var fire = Post("熊本市東区健軍本町で火災が発生しています、煙が見えます", "1", "a");
        var denial = Post("火災が発生したという情報はデマです", "2", "b");
        Assert.DoesNotContain($"contradicts_claim:{fire.ClaimId}", denial.Reliability.Reasons);
        Assert.NotEqual(ClaimStatuses.Disputed, _board.StatusOf(fire.ClaimId, fire.ClaimStatus));
    }

    [Fact]
    public void Denial_of_an_ordinary_looking_rumour_disputes_it_and_official_denial_debunks_it()
    {
        var rumour = Post("熊本市東区健軍本町の大型スーパーが全焼したらしい、拡散希望", "1", "a");
        var independent = Post("健軍本町の大型スーパーが燃えてるって、近所の人が言ってる", "2", "b");
        Assert.NotEqual(ClaimStatuses.Disputed, rumour.ClaimStatus);
        Post("健軍本町の大型スーパーが全焼というのはデマです。営業しています", "3", "c");
        Assert.Equal(ClaimStatuses.Disputed, _board.StatusOf(rumour.ClaimId, rumour.ClaimStatus));
        var after = Post("熊本市東区健軍本町の大型スーパーが全焼したらしい！拡散希望！", "4", "d");
        Assert.Equal(ClaimStatuses.Disputed, after.ClaimStatus);
        Assert.True(after.Reliability.Credibility >= 4);

        Post("健軍本町の大型スーパーで火災が発生したという情報は事実ではありません", "5", "x-kumamoto-city");
        Assert.Equal(ClaimStatuses.Debunked, _board.StatusOf(rumour.ClaimId, rumour.ClaimStatus));
        Assert.Equal(ClaimStatuses.Debunked, Post("健軍本町の大型スーパーが全焼したらしい、拡散希望", "6", "e").ClaimStatus);
        _ = independent;
    }

    [Fact]
    public void Denial_that_arrives_before_the_rumour_still_disputes_it()
    {
        Post("益城町の給水所で毒が混入されたという投稿はデマです", "1", "x-nhk-news");
        var rumour = Post("益城町の給水所で毒が混入されたって！飲まないで", "2", "a");
        Assert.Equal(ClaimStatuses.Disputed, rumour.ClaimStatus);
    }

    [Fact]
    public void Contradiction_at_the_same_place_disputes_the_outage_claim()
    {
        var outage = Post("益城町で停電しています", "1", "a");
        Post("益城町は停電していません、普通に電気ついてます", "2", "b");
        Assert.Equal(ClaimStatuses.Disputed, _board.StatusOf(outage.ClaimId, outage.ClaimStatus));
    }

    [Fact]
    public void Unrelated_denial_does_not_touch_genuine_reports()
    {
        var fire = Post("熊本市東区健軍本町で火災が発生しています、煙が見えます", "1", "a");
        Post("熊本の動物園からライオンが逃げたというのはデマです", "2", "b");
        Assert.Equal(ClaimStatuses.Unverified, _board.StatusOf(fire.ClaimId, fire.ClaimStatus));
    }

    [Fact]
    public void Official_post_in_the_claim_confirms_it()
    {
        var a = Post("人吉市で避難所が開設されたみたい", "1", "a");
        Post("人吉市は避難所を開設しました", "2", "x-hitoyoshi-city");
        Assert.Equal(ClaimStatuses.Confirmed, _board.StatusOf(a.ClaimId, a.ClaimStatus));
    }

    [Fact]
    public void Operator_decision_wins_over_the_pipeline_and_reaches_later_posts()
    {
        var a = Post("益城町木山で住宅が倒壊しています", "1", "a");
        Post("益城町木山で家屋倒壊、道も塞がれている", "2", "b");
        _board.Decide(new OperatorDecision(a.ClaimId!, ClaimStatuses.Debunked, "op1", Now.AddHours(1)));
        Assert.Equal(ClaimStatuses.Debunked, _board.StatusOf(a.ClaimId, a.ClaimStatus));
        var later = Post("益城町木山でも住宅倒壊", "3", "c");
        Assert.Equal(ClaimStatuses.Debunked, later.ClaimStatus);
        Assert.Contains("claim_marked_rumour_by_operator", later.Reliability.Reasons);
    }

    [Fact]
    public void Racing_operator_marks_keep_the_latest_and_report_what_they_replaced()
    {
        var first = new OperatorDecision("c-1", ClaimStatuses.Confirmed, "op1", Now.AddMinutes(2));
        var stale = new OperatorDecision("c-1", ClaimStatuses.Debunked, "op2", Now.AddMinutes(1));
        Assert.Null(_board.Decide(first).Replaced);
        var outcome = _board.Decide(stale);
        Assert.Same(first, outcome.Standing);
        Assert.Null(outcome.Replaced);
        var newer = new OperatorDecision("c-1", ClaimStatuses.Debunked, "op2", Now.AddMinutes(3));
        Assert.Same(first, _board.Decide(newer).Replaced);
        Assert.Equal(ClaimStatuses.Debunked, _board.StatusOf("c-1", ClaimStatuses.Unverified));
    }

    [Fact]
    public void Claim_ids_are_deterministic_across_runs()
    {
        string[] texts = ["益城町木山で住宅が倒壊しています", "#救助 熊本市東区健軍本町2丁目 2階に取り残されています", "揺れた！"];
        var a = NewAnalyser(new ClaimStatusBoard());
        var b = NewAnalyser(new ClaimStatusBoard());
        for (int i = 0; i < texts.Length; i++)
            Assert.Equal(a.Analyse(Make(texts[i], $"{i}"), Now).ClaimId, b.Analyse(Make(texts[i], $"{i}"), Now).ClaimId);
    }

    private static readonly string[] Chatter =
    [
        "今日のランチはカレーにした", "猫が窓際で昼寝している", "新しい本を買ってきた、読むのが楽しみ",
        "駅前のパン屋さんが美味しい", "週末は映画を見に行く予定", "朝のコーヒーが最高", "ゲームの新作が発売された",
        "庭の花がきれいに咲いた", "友達と久しぶりに電話した", "部屋の掃除がやっと終わった", "明日は早起きしないと",
        "夕焼けがとてもきれいだった",
    ];

    [Fact]
    public void A_denial_reaches_a_recent_rumour_whose_sketch_slot_is_shared_with_older_claims()
    {
        // Sketches live in a pool of DenialScan slots reused by newer claims: the rumour's slot was
        // used before it (chatter), and the denial's own claim reuses another; within the scan window
        // the rumour's sketch must still be its own.
        var board = new ClaimStatusBoard();
        var analyser = NewAnalyser(board, new ClaimTrackerOptions { DenialScan = 4 });
        var t = Now;
        for (int i = 0; i < 5; i++) analyser.Analyse(Make(Chatter[i], $"c{i}", $"a{i}") with { CreatedAt = t = t.AddMinutes(1) }, t);
        var rumour = analyser.Analyse(Make("明日の夜にもっと大きな本震が来ると気象庁の人が言ってたらしい", "r", "r") with { CreatedAt = t = t.AddMinutes(1) }, t);
        for (int i = 5; i < 7; i++) analyser.Analyse(Make(Chatter[i], $"c{i}", $"a{i}") with { CreatedAt = t = t.AddMinutes(1) }, t);
        var denial = analyser.Analyse(Make("本震が来るという予言はデマです。地震の予知はできません", "d", "x-jma") with { CreatedAt = t = t.AddMinutes(1) }, t);

        Assert.Contains($"contradicts_claim:{rumour.ClaimId}", denial.Reliability.Reasons);
        Assert.Equal(ClaimStatuses.Debunked, board.StatusOf(rumour.ClaimId, rumour.ClaimStatus));
    }

    [Fact]
    public void A_denial_keeps_its_sketch_after_the_pool_has_wrapped_around()
    {
        // Only the last DenialScan claims keep a pooled sketch; a denial keeps its own, so a rumour
        // posted after many newer claims is still contradicted on arrival.
        var board = new ClaimStatusBoard();
        var analyser = NewAnalyser(board, new ClaimTrackerOptions { DenialScan = 4 });
        var t = Now;
        analyser.Analyse(Make("本震が来るという予言はデマです。地震の予知はできません", "d", "x-jma") with { CreatedAt = t }, t);
        for (int i = 0; i < Chatter.Length; i++) analyser.Analyse(Make(Chatter[i], $"c{i}", $"a{i}") with { CreatedAt = t = t.AddMinutes(1) }, t);
        var later = analyser.Analyse(Make("今夜また本震が来るって近所の人が言ってた、家に戻らないで", "r", "b") with { CreatedAt = t = t.AddMinutes(1) }, t);

        Assert.Equal(ClaimStatuses.Debunked, later.ClaimStatus);
    }

    [Fact]
    public void Claim_state_and_the_board_are_bounded()
    {
        var board = new ClaimStatusBoard(capacity: 50);
        var analyser = NewAnalyser(board, new ClaimTrackerOptions { ClaimCapacity = 20, PostMemory = 30 });
        for (int i = 0; i < 500; i++) analyser.Analyse(Make($"投稿{i}番 {i * 31}の話", $"{i}", $"a{i}"), Now.AddMinutes(i));
        Assert.True(board.Count <= 50);
    }
}
