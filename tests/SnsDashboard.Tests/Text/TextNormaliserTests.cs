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

    [Fact]
    public void Fast_path_table_agrees_with_nfkc_and_folding_for_every_character()
    {
        // Every code unit the table folds directly must be a character whose NFKC form is a single
        // character that the documented folding maps to the table's value (an oracle written here,
        // independently of the normaliser). A wrong entry would change posts, glossary and gazetteer alike.
        int direct = 0;
        for (int c = 0; c < 65536; c++)
        {
            char folded = TextNormaliser.SimpleFold[c];
            if (folded == '\0') continue;
            direct++;
            string nfkc = ((char)c).ToString().Normalize(System.Text.NormalizationForm.FormKC);
            Assert.True(nfkc.Length == 1, $"U+{c:X4} folds directly but NFKC gives {nfkc.Length} characters");
            Assert.True(Fold(nfkc[0]) == folded, $"U+{c:X4}: table {(int)folded:X4}, expected {(int)Fold(nfkc[0]):X4}");
        }
        Assert.InRange(direct, 20_000, 65_536); // ASCII, kana, the CJK blocks, full-width ASCII
        Assert.Equal('a', TextNormaliser.SimpleFold['Ａ']);
        Assert.Equal('あ', TextNormaliser.SimpleFold['ア']);
        Assert.Equal('\0', TextNormaliser.SimpleFold['\uFE0F']); // a variation selector is noise
        Assert.Equal('\0', TextNormaliser.SimpleFold['\uD83D']); // surrogates take the general path
        Assert.Equal('\0', TextNormaliser.SimpleFold['…']);       // NFKC expands it to "..."

        static char Fold(char n) => n switch
        {
            >= 'A' and <= 'Z' => (char)(n + 32),
            '\t' or '\r' or '\n' or '\f' or '\v' => ' ',
            < '\u0080' => n,
            >= '\u30A1' and <= '\u30F4' => (char)(n - 0x60),  // katakana → hiragana
            '\u30F5' or '\u30F6' or '\u3095' or '\u3096' => 'け',
            '\u30FD' or '\u30FE' => (char)(n - 0x60),
            '～' or '〜' => '~',
            _ when char.IsWhiteSpace(n) => ' ',
            _ => char.ToLowerInvariant(n),
        };
    }

    [Theory]
    [InlineData("パズドラのイベント周回中")]   // katakana → hiragana, same positions
    [InlineData("Kumamoto SOS 救助")]
    [InlineData("熊本市東区健軍本町で家が倒壊")]
    public void A_text_normalised_character_for_character_maps_every_span_to_itself(string text)
    {
        var t = TextNormaliser.Normalise(text);
        Assert.Equal(text.Length, t.Value.Length);
        for (int s = 0; s <= text.Length; s++)
            for (int l = 0; s + l <= text.Length; l++)
                Assert.Equal((s, l), t.ToOriginal(s, l));
    }

    [Fact]
    public void A_text_of_the_same_length_whose_characters_moved_keeps_its_offsets()
    {
        // The emoji (two code units) is dropped and each ㍻ expands to two characters: same length, shifted map.
        var t = TextNormaliser.Normalise("🚨㍻㍻");
        Assert.Equal("平成平成", t.Value);
        Assert.Equal((2, 1), t.ToOriginal(0, 2));
        Assert.Equal((3, 1), t.ToOriginal(2, 2));
        Assert.Equal("㍻", t.OriginalSpan(1, 1));
        Assert.Equal((2, 0), t.ToOriginal(0, 0));
    }

    [Fact]
    public void Results_do_not_share_the_normalisers_scratch_between_calls_or_threads()
    {
        var random = new Random(11);
        string[] pieces = ["熊本", "ｼﾞｼﾝ", "🚨", "ＳＯＳ", "㍻", "たすけてええええ", "ー", " ", "カタカナ", "ABC", "\ud83d", "x"];
        var texts = Enumerable.Range(0, 400).Select(i =>
            string.Concat(Enumerable.Range(0, i == 7 ? 3_000 : random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]))).ToList();
        var first = texts.Select(TextNormaliser.Normalise).ToList();      // each result kept while later calls run
        var again = new NormalisedText[texts.Count];
        Parallel.For(0, texts.Count, i => again[i] = TextNormaliser.Normalise(texts[i]));
        for (int i = 0; i < texts.Count; i++)
        {
            Assert.Equal(again[i].Value, first[i].Value);
            for (int s = 0; s < first[i].Value.Length; s += 3)
                Assert.Equal(again[i].ToOriginal(s, Math.Min(2, first[i].Value.Length - s)), first[i].ToOriginal(s, Math.Min(2, first[i].Value.Length - s)));
        }
    }
}
