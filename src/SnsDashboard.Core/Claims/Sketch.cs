using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Claims;

/// <summary>A small content fingerprint of a text for linking denials to the claims they deny:
/// the smallest hashes of its content bigrams (bottom-k), sorted. Bigrams made only of common
/// kana (して, ます, という …) and denial words themselves are left out, so a denial shares
/// bigrams with a rumour only through what the rumour is about.</summary>
internal static class Sketch
{
    private const string CommonKana = "しています、でたっとうのがをにはもからなよねるれありくんださょゃゅじおいこそ";
    private static readonly HashSet<string> DenialWords =
        ["でま", "誤情", "情報", "事実", "実で", "ふぇ", "えい", "いく", "拡散", "散し", "確認", "認さ", "虚偽", "偽情", "注意"];

    public static ulong[] Of(string normalised, int size)
    {
        Span<char> buffer = normalised.Length <= 512 ? stackalloc char[normalised.Length] : new char[normalised.Length];
        int n = CopyDetector.Canonicalise(normalised, buffer);
        var hashes = new HashSet<ulong>();
        for (int i = 0; i + 1 < n; i++)
        {
            char a = buffer[i], b = buffer[i + 1];
            if (CommonKana.Contains(a) && CommonKana.Contains(b)) continue;
            if (DenialWords.Contains(new string([a, b]))) continue;
            hashes.Add(CopyDetector.Mix(((ulong)a << 16) | b));
        }
        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted.Length <= size ? sorted : sorted[..size];
    }

    /// <summary>Shared hashes of two sorted sketches.</summary>
    public static int Shared(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return shared;
    }

    public static bool Overlaps(ulong[] a, ulong[] b) => Enough(Shared(a, b), a.Length, b.Length);

    /// <summary>At least 4 shared content bigrams and 40 % of the shorter sketch: a place name
    /// alone (益城町 = 2 bigrams) never links a denial to a claim.</summary>
    public static bool Enough(int shared, int lengthA, int lengthB) =>
        shared >= 4 && shared >= 0.4 * Math.Min(lengthA, lengthB);
}
