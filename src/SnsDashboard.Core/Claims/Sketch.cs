using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Claims;

/// <summary>A small content fingerprint of a text for linking denials to the claims they deny:
/// the smallest hashes of its content bigrams (bottom-k), sorted. Bigrams made only of common
/// kana (して, ます, という …) and denial words themselves are left out, so a denial shares
/// bigrams with a rumour only through what the rumour is about.</summary>
internal static class Sketch
{
    private const string CommonKana = "しています、でたっとうのがをにはもからなよねるれありくんださょゃゅじおいこそ";
    private static readonly HashSet<int> DenialWords = new[]
        { "でま", "誤情", "情報", "事実", "実で", "ふぇ", "えい", "いく", "拡散", "散し", "確認", "認さ", "虚偽", "偽情", "注意" }
        .Select(w => (w[0] << 16) | w[1]).ToHashSet();

    /// <summary>The sketch of a normalised text. The bigrams of <paramref name="placeNames"/> are
    /// left out too: a long place name (熊本市東区健軍本町 = 8 bigrams) must not make two posts
    /// about different things at the same place look alike.</summary>
    public static ulong[] Of(string normalised, int size, IEnumerable<string?>? placeNames = null)
    {
        Span<ulong> sketch = size <= 256 ? stackalloc ulong[size] : new ulong[size];
        return sketch[..Into(normalised, sketch, placeNames)].ToArray();
    }

    /// <summary>Writes the sketch (at most <paramref name="destination"/>.Length hashes) into
    /// <paramref name="destination"/> and returns its length: <see cref="Of"/> without an array per call.</summary>
    public static int Into(string normalised, Span<ulong> destination, IEnumerable<string?>? placeNames = null)
    {
        HashSet<int>? place = null;
        foreach (var name in placeNames ?? [])
        {
            if (string.IsNullOrEmpty(name)) continue;
            var t = TextNormaliser.NormaliseTerm(name);
            place ??= [];
            for (int i = 0; i + 1 < t.Length; i++) place.Add((t[i] << 16) | t[i + 1]);
        }
        Span<char> buffer = normalised.Length <= 512 ? stackalloc char[normalised.Length] : new char[normalised.Length];
        int n = CopyDetector.Canonicalise(normalised, buffer);
        Span<ulong> hashes = n <= 512 ? stackalloc ulong[Math.Max(n, 1)] : new ulong[n];
        int count = 0;
        for (int i = 0; i + 1 < n; i++)
        {
            char a = buffer[i], b = buffer[i + 1];
            if (CommonKana.Contains(a) && CommonKana.Contains(b)) continue;
            if (DenialWords.Contains((a << 16) | b) || place?.Contains((a << 16) | b) == true) continue;
            hashes[count++] = CopyDetector.Mix(((ulong)a << 16) | b);
        }
        var sorted = hashes[..count];
        sorted.Sort();
        int unique = 0;
        for (int i = 0; i < sorted.Length; i++)
            if (unique == 0 || sorted[i] != sorted[unique - 1]) sorted[unique++] = sorted[i];
        int length = Math.Min(unique, destination.Length);
        sorted[..length].CopyTo(destination);
        return length;
    }

    /// <summary>Shared hashes of two sorted sketches.</summary>
    public static int Shared(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
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

    public static bool Overlaps(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => Enough(Shared(a, b), a.Length, b.Length);

    /// <summary>The statement a denial denies: the text before its first 「という」/「との」
    /// (「本震が来るという予言はデマです」 → 本震が来る), or null when there is no such part of at
    /// least 3 characters. Short as it is, it names what the denial is about exactly.</summary>
    public static string? DeniedStatement(string normalised)
    {
        int best = -1;
        foreach (var marker in (ReadOnlySpan<string>)["という", "との"])
        {
            int i = normalised.IndexOf(marker, StringComparison.Ordinal);
            if (i >= 3 && (best < 0 || i < best)) best = i;
        }
        return best < 0 ? null : normalised[..best];
    }

    /// <summary>The denied statement's content bigrams (≥ 4, ≥ 80 % of them) all appear in the claim.</summary>
    public static bool Covers(ReadOnlySpan<ulong> statement, ReadOnlySpan<ulong> claim)
    {
        int shared = Shared(statement, claim);
        return shared >= 4 && shared >= 0.8 * statement.Length;
    }

    /// <summary>At least 4 shared content bigrams and 40 % of the shorter sketch: a place name
    /// alone (益城町 = 2 bigrams) never links a denial to a claim.</summary>
    public static bool Enough(int shared, int lengthA, int lengthB) =>
        shared >= 4 && shared >= 0.4 * Math.Min(lengthA, lengthB);
}
