namespace SnsDashboard.Core.Text;

/// <summary>
/// A cheap language guess from the writing system, for sources that do not declare one
/// (Misskey, webhook senders, Bluesky clients that leave <c>langs</c> empty). Kana means
/// Japanese; Hangul means Korean; Thai script Thai; Latin letters only means "en" is not safe to
/// claim, so the guess is "und" (undetermined) there. Han characters without kana are ambiguous
/// (Japanese headlines, Chinese): "ja" only when the text also has Japanese punctuation.
/// </summary>
public static class ScriptLanguageGuesser
{
    public const string Undetermined = "und";

    public static string Guess(ReadOnlySpan<char> text)
    {
        int kana = 0, han = 0, hangul = 0, thai = 0, jaPunct = 0;
        foreach (var c in text)
        {
            if (c is >= '\u3040' and <= '\u30FF' or >= '\uFF66' and <= '\uFF9D') kana++;
            else if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF') han++;
            else if (c is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF') hangul++;
            else if (c is >= '\u0E00' and <= '\u0E7F') thai++;
            else if (c is '。' or '、' or '「' or '」') jaPunct++;
        }
        if (kana > 0 && kana >= hangul) return "ja";
        if (hangul > 0) return "ko";
        if (thai > 0) return "th";
        if (han > 0) return jaPunct > 0 ? "ja" : "zh";
        return Undetermined;
    }

    /// <summary>True when the declared or guessed language is one of <paramref name="wanted"/>
    /// (prefix match: "ja" accepts "ja-JP"). An empty list accepts everything.</summary>
    public static bool Matches(string? lang, IReadOnlyCollection<string> wanted)
    {
        if (wanted.Count == 0) return true;
        if (string.IsNullOrEmpty(lang)) return false;
        foreach (var w in wanted)
            if (lang.StartsWith(w, StringComparison.OrdinalIgnoreCase)
                && (lang.Length == w.Length || lang[w.Length] == '-' || lang[w.Length] == '_')) return true;
        return false;
    }
}
