using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Claims;

public class CopyDetectorTests
{
    private static CopyVerdict Observe(CopyDetector d, Post p) => d.Observe(p, TextNormaliser.Normalise(p.Text));

    [Fact]
    public void Copy_pasted_rescue_request_with_rt_prefix_tags_and_links_is_a_copy()
    {
        var d = new CopyDetector();
        var first = Observe(d, Make("#救助 益城町木山で祖母が家の下敷きになっています https://t.co/a", id: "1", author: "a"));
        var copy = Observe(d, Make("RT @a: ＃救助　益城町木山で祖母が家の下敷きになっています！！ https://t.co/b @someone", id: "2", author: "b"));
        Assert.Null(first.DuplicateOf);
        Assert.Equal(new PostKey("x", "1"), copy.DuplicateOf);
        Assert.Equal(1.0, copy.Similarity);
    }

    [Fact]
    public void Small_edits_and_added_hashtags_are_still_copies()
    {
        var d = new CopyDetector();
        Observe(d, Make("熊本市東区健軍本町3丁目で家屋が倒壊、高齢の夫婦が中に取り残されています。至急救助をお願いします", id: "1"));
        var edited = Observe(d, Make("熊本市東区健軍本町3丁目で家屋が倒壊し、高齢の夫婦が中に取り残されてます！至急救助お願いします #熊本地震 #拡散希望", id: "2", author: "b"));
        Assert.Equal("1", edited.DuplicateOf?.SourcePostId);
        Assert.InRange(edited.Similarity, 0.6, 1.0);
    }

    [Fact]
    public void Different_reports_from_the_same_town_are_not_copies()
    {
        var d = new CopyDetector();
        Observe(d, Make("益城町木山で住宅が倒壊しています、道路も塞がれています", id: "1"));
        Assert.Null(Observe(d, Make("益城町木山の避難所に水と毛布が足りません、高齢者が多いです", id: "2", author: "b")).DuplicateOf);
        Assert.Null(Observe(d, Make("益城町役場の前の道路に大きな亀裂があり通行できません", id: "3", author: "c")).DuplicateOf);
    }

    [Fact]
    public void Short_independent_observations_are_not_copies()
    {
        var d = new CopyDetector();
        Observe(d, Make("揺れた！", id: "1", author: "a"));
        Assert.Null(Observe(d, Make("揺れた！", id: "2", author: "b")).DuplicateOf);
    }

    [Fact]
    public void Reposts_are_compared_but_not_remembered_so_copies_point_at_originals()
    {
        var d = new CopyDetector();
        Observe(d, Make("熊本市東区健軍本町で火災が発生しています", id: "10"));
        // A repost whose original came from elsewhere still finds the text it carries.
        var repost = Observe(d, Make("RT @a: 熊本市東区健軍本町で火災が発生しています", id: "11", author: "b") with { Kind = PostKinds.Repost, RepostOfId = "9" });
        Assert.Equal("10", repost.DuplicateOf?.SourcePostId);
        var copy = Observe(d, Make("熊本市東区健軍本町で火災が発生しています", id: "12", author: "c"));
        Assert.Equal("10", copy.DuplicateOf?.SourcePostId);
    }

    [Fact]
    public void Window_is_bounded_and_forgets_the_oldest_text()
    {
        var d = new CopyDetector(capacity: 3);
        string[] texts =
        [
            "益城町で倒壊した建物の下に人がいます助けて", "人吉市九日町で床上浸水、水位が上がっています", "熊本城の石垣が崩れているのを見ました",
            "久留米市で道路が冠水して車が動けません", "武雄市の病院が浸水して患者が取り残されています",
        ];
        for (int i = 0; i < texts.Length; i++) Observe(d, Make(texts[i], id: $"p{i}"));
        Assert.Equal(3, d.RememberedTexts);
        Assert.Null(Observe(d, Make(texts[0], id: "again")).DuplicateOf);
        Assert.Equal("p4", Observe(d, Make(texts[4], id: "again2")).DuplicateOf?.SourcePostId);
    }

    [Fact]
    public void Window_memory_does_not_grow_with_the_stream()
    {
        var d = new CopyDetector(capacity: 1000);
        long before = d.WindowBytes;
        for (int i = 0; i < 5000; i++) Observe(d, Make($"益城町{i}番地で建物{i * 7}棟が倒壊しています番号{i * 13}", id: $"p{i}"));
        Assert.Equal(before, d.WindowBytes);
        Assert.Equal(1000, d.RememberedTexts);
    }

    [Fact]
    public void The_vectorised_signature_is_bit_for_bit_the_scalar_one()
    {
        var rng = new Random(11);
        Span<ushort> vectorised = stackalloc ushort[CopyDetector.SignatureLength], scalar = stackalloc ushort[CopyDetector.SignatureLength];
        for (int n = 0; n < 2_000; n++)
        {
            // Kana, kanji, ASCII and surrogate halves: any UTF-16 unit can reach the hash.
            var text = new string(Enumerable.Range(0, rng.Next(0, 120)).Select(_ => (char)(rng.Next(4) switch
            {
                0 => rng.Next(0x3041, 0x3097), 1 => rng.Next(0x4E00, 0x9FFF), 2 => rng.Next(0x20, 0x7F), _ => rng.Next(0, 0x10000),
            })).ToArray());
            CopyDetector.Sign(text, vectorised);
            CopyDetector.SignScalar(text, scalar);
            Assert.True(vectorised.SequenceEqual(scalar), $"text #{n} ({text.Length} chars)");
        }
    }
}
