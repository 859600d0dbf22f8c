using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Claims;

public class CopyDetectorTests
{
    private static CopyVerdict Observe(CopyDetector d, Post p) => d.Observe(p, TextNormaliser.Normalise(p.Text));

    [Fact]
    public void Copy_pasted_rescue_requests_form_one_claim()
    {
        var d = new CopyDetector();
        var first = Observe(d, Make("#救助 益城町木山で祖母が家の下敷きになっています https://t.co/a", id: "1", author: "a"));
        var copy = Observe(d, Make("RT @a: ＃救助　益城町木山で祖母が家の下敷きになっています！！ https://t.co/b @someone", id: "2", author: "b"));
        Assert.Null(first.DuplicateOf);
        Assert.Equal("1", copy.DuplicateOf);
        Assert.Equal(first.ClaimId, copy.ClaimId);
        Assert.StartsWith("c-", first.ClaimId);
    }

    [Fact]
    public void Claim_id_is_stable_across_detectors()
    {
        var a = Observe(new CopyDetector(), Make("人吉市九日町で床上浸水、水位が上がっています", id: "1"));
        var b = Observe(new CopyDetector(), Make("人吉市九日町で床上浸水、水位が上がっています", id: "9"));
        Assert.Equal(a.ClaimId, b.ClaimId);
    }

    [Fact]
    public void Reposts_point_to_the_original_and_share_its_claim()
    {
        var d = new CopyDetector();
        var original = Observe(d, Make("熊本市東区健軍本町で火災が発生しています", id: "10"));
        var repost = Observe(d, Make("", id: "11", author: "b") with { Kind = PostKinds.Repost, RepostOfId = "10" });
        Assert.Equal("10", repost.DuplicateOf);
        Assert.Equal(original.ClaimId, repost.ClaimId);
    }

    [Fact]
    public void Short_independent_observations_are_not_copies()
    {
        var d = new CopyDetector();
        var a = Observe(d, Make("揺れた！", id: "1", author: "a"));
        var b = Observe(d, Make("揺れた！", id: "2", author: "b"));
        Assert.Null(b.DuplicateOf);
        Assert.NotEqual(a.ClaimId, b.ClaimId);
    }

    [Fact]
    public void Memory_is_bounded_and_forgets_the_oldest_text()
    {
        var d = new CopyDetector(capacity: 3);
        for (int i = 0; i < 10; i++) Observe(d, Make($"益城町で倒壊した建物の番号は{i}番です", id: $"p{i}"));
        Assert.Equal(3, d.RememberedTexts);
        Assert.Null(Observe(d, Make("益城町で倒壊した建物の番号は0番です", id: "again")).DuplicateOf);
        Assert.Equal("p9", Observe(d, Make("益城町で倒壊した建物の番号は9番です", id: "again2")).DuplicateOf);
    }
}
