namespace SnsDashboard.Core.Geo.Index;

/// <summary>Numbers in addresses: arabic (already ASCII after normalisation) or kanji
/// (二, 十二, 二十三, 百五, 一〇二), followed by 丁目 / 番地 / 番 / 号 / - / の.</summary>
internal static class AddressNumbers
{
    /// <summary>Value of a kanji numeral, or null.</summary>
    public static int? ParseKanji(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return null;
        int total = 0, current = 0;
        bool positional = s.IndexOfAny("十百千") < 0;
        foreach (char c in s)
        {
            int d = Digit(c);
            if (d >= 0)
            {
                current = positional ? current * 10 + d : d;
                continue;
            }
            int unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0) return null;
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }
        return total + current;
    }

    private static int Digit(char c) => c switch
    {
        '〇' or '零' => 0, '一' => 1, '二' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9,
        >= '0' and <= '9' => c - '0', _ => -1,
    };

    private static bool IsNumeral(char c) => Digit(c) >= 0 || c is '十' or '百' or '千';

    /// <summary>A number at <paramref name="pos"/> and what follows it. Returns the value, the end of
    /// the number, and the end including its unit (丁目 → <paramref name="chome"/> true).</summary>
    public static bool TryRead(ReadOnlySpan<char> text, int pos, out int value, out int end, out bool chome)
    {
        value = 0; end = pos; chome = false;
        int i = pos;
        while (i < text.Length && IsNumeral(text[i])) i++;
        if (i == pos || i - pos > 6) return false;
        if (ParseKanji(text[pos..i]) is not int v || v <= 0) return false;
        value = v;
        end = i;
        var rest = text[i..];
        if (rest.StartsWith("丁目")) { chome = true; end = i + 2; }
        else if (rest.StartsWith("番地")) end = i + 2;
        else if (rest.Length > 0 && rest[0] is '番' or '号' or '-' or 'ー' or '−' or '‐' or 'の') end = i + 1;
        return true;
    }

    /// <summary>The end of a 番地 block (2052-4, 3番地12, 十二番五号) starting at <paramref name="pos"/>.</summary>
    public static int BlockEnd(ReadOnlySpan<char> text, int pos)
    {
        int end = pos;
        while (end < text.Length && TryRead(text, end, out _, out int next, out _) && next > end)
        {
            end = next;
            if (end > pos + 24) break;
        }
        // A trailing separator with nothing after it is not part of the address.
        while (end > pos && text[end - 1] is '-' or 'ー' or 'の') end--;
        return end;
    }
}
