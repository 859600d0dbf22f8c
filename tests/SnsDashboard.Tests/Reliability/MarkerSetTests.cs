using System.Buffers;
using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Tests.Reliability;

/// <summary>
/// MarkerSet skips to characters that start a marker instead of running the runtime's
/// <c>SearchValues&lt;string&gt;</c>; it must give the same answer: the marker starting earliest,
/// the longest one there (the first listed on a tie of length).
/// </summary>
public class MarkerSetTests
{
    private static readonly string[] Markers = ["ですか", "です", "ますか", "?", "周年", "年前の今日", "年前", "らしい", "らしいよ"];

    /// <summary>The behaviour before: IndexOfAny over SearchValues&lt;string&gt;, then the longest marker at that index.</summary>
    private static string? Reference(string[] markers, string text)
    {
        var search = SearchValues.Create(markers, StringComparison.Ordinal);
        int at = text.AsSpan().IndexOfAny(search);
        if (at < 0) return null;
        string? best = null;
        foreach (var m in markers)
            if ((best is null || m.Length > best.Length) && text.AsSpan(at).StartsWith(m, StringComparison.Ordinal)) best = m;
        return best;
    }

    [Theory]
    [InlineData("明日も雨ですか", "ですか")]
    [InlineData("震災から5年前の今日のこと", "年前の今日")]
    [InlineData("ライオンが逃げたらしいよ", "らしいよ")]
    [InlineData("大丈夫?本当ですか", "?")]
    [InlineData("でででです", "です")]
    [InlineData("まったく関係ない投稿", null)]
    [InlineData("", null)]
    public void Finds_the_earliest_marker_and_the_longest_there(string text, string? expected)
    {
        var set = new MarkerSet(Markers);
        Assert.Equal(expected, set.Find(text));
        Assert.Equal(expected is not null, set.Contains(text));
    }

    [Fact]
    public void Agrees_with_the_runtime_search_on_random_texts_built_from_marker_pieces()
    {
        var set = new MarkerSet(Markers);
        // Markers are normalised by the set; these are already in normal form.
        var pieces = new[] { "で", "す", "か", "ま", "?", "周", "年", "前", "の", "今", "日", "ら", "し", "い", "よ", "雨", "、", "a" };
        var rng = new Random(7);
        for (int n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(0, 12)).Select(_ => pieces[rng.Next(pieces.Length)]));
            Assert.True(Reference(Markers, text) == set.Find(text), $"\"{text}\": expected {Reference(Markers, text)}, got {set.Find(text)}");
        }
    }
}
