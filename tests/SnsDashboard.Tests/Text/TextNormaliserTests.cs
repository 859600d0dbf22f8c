using SnsDashboard.Core.Text;

namespace SnsDashboard.Tests.Text;

public class TextNormaliserTests
{
    [Fact]
    public void Half_width_katakana_is_widened_and_folded_to_hiragana()
    {
        var t = TextNormaliser.Normalise("ｼﾞｼﾝだ");
        Assert.Equal("じしんだ", t.Value);
        Assert.Equal((0, 4), t.ToOriginal(0, 3)); // ｼﾞ is two source characters composed into じ
    }

    [Fact]
    public void Full_width_ascii_becomes_lower_case_ascii()
    {
        Assert.Equal("119 sos", TextNormaliser.Normalise("１１９　ＳＯＳ").Value);
    }

    [Fact]
    public void Repeated_characters_collapse_but_pairs_and_digits_stay()
    {
        Assert.Equal("たすけてえ", TextNormaliser.Normalise("たすけてええええ").Value);
        Assert.Equal("ここ1000", TextNormaliser.Normalise("ここ1000").Value);
        Assert.Equal("すごーい", TextNormaliser.Normalise("すごーーーい").Value);
    }

    [Fact]
    public void Small_ke_variants_fold_for_place_names()
    {
        Assert.Equal(TextNormaliser.Normalise("袖ケ浦").Value, TextNormaliser.Normalise("袖ヶ浦").Value);
        Assert.Equal(TextNormaliser.Normalise("袖ヵ浦").Value, TextNormaliser.Normalise("袖ヶ浦").Value);
    }

    [Fact]
    public void Emoji_and_variation_selectors_are_dropped_and_offsets_still_map()
    {
        string original = "🆘助⚠\uFE0Fけて👨‍👩‍👧";
        var t = TextNormaliser.Normalise(original);
        Assert.Equal("助けて", t.Value);
        Assert.Equal((2, 5), t.ToOriginal(0, 3)); // 助⚠️けて: the dropped sign inside the span is kept
        Assert.Equal("助⚠\uFE0Fけて", t.OriginalSpan(0, 3));
        Assert.Equal((5, 2), t.ToOriginal(1, 2)); // "けて" without the trailing family emoji
        Assert.Equal((6, 1), t.ToOriginal(2, 1));
    }

    [Fact]
    public void Surrogate_pairs_are_never_split()
    {
        string original = "𠮷野家で停電"; // 𠮷 is outside the BMP
        var t = TextNormaliser.Normalise(original);
        Assert.Equal(original, t.Value);
        Assert.Equal((0, 2), t.ToOriginal(0, 2));
        Assert.Equal((4, 2), t.ToOriginal(4, 2));
    }

    [Fact]
    public void Explicit_start_constructor_maps_expansions_to_the_whole_source_character()
    {
        var t = TextNormaliser.Normalise("㍻28年");
        Assert.Equal("平成28年", t.Value);
        Assert.Equal((0, 1), t.ToOriginal(0, 1));
        var legacy = new NormalisedText("㍻x", "平成x", [0, 0, 1, 2]);
        Assert.Equal((0, 1), legacy.ToOriginal(0, 1));
        Assert.Equal((1, 1), legacy.ToOriginal(2, 1));
    }
}
