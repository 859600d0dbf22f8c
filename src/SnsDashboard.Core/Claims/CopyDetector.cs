using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Claims;

/// <summary>
/// Finds near-duplicate texts (copy-paste storms, small edits, added hashtags or URLs) among the
/// last <c>capacity</c> posts, in constant time per post and bounded memory. Not thread-safe:
/// the pipeline runs it on its single consumer.
/// </summary>
/// <remarks>
/// The canonical text drops URLs, a leading "RT @x:", mentions, hashtags, white space and
/// punctuation, so added tags or links do not change it. Its character bigrams are summarised by
/// a 32-value MinHash signature (16-bit values, multiply-shift hashing); two texts are copies
/// when at least <see cref="MinEqualValues"/> of the 32 values agree (estimated Jaccard ≥ 0.6).
/// Candidates come from locality-sensitive hashing: 16 bands of 2 values, each band a
/// direct-mapped table of slot numbers (a newer entry overwrites an older one in the same
/// bucket), so a lookup costs 16 probes and at most 16 signature comparisons whatever the window.
/// The window is a ring of slots; the oldest post is forgotten first. Memory: 64 bytes of
/// signature, 16 bytes of ids and 16 table cells per slot (about 150 bytes per post).
/// Texts shorter than <see cref="MinCanonicalLength"/> (揺れた！) are independent observations,
/// never copies. Deterministic: the same stream gives the same verdicts.
/// </remarks>
public sealed class CopyDetector
{
    public const int DefaultCapacity = 200_000;
    public const int MinCanonicalLength = 12;
    public const int SignatureLength = 32;
    private const int Bands = 16;
    private const int RowsPerBand = SignatureLength / Bands;
    public const int MinEqualValues = 20;
    /// <summary>Below a copy but this close (10 of 32 values equal), the earlier post is offered
    /// as a candidate edited copy ("地震のせいで…逃げた" / "…逃げたらしい！気をつけて"): the claim
    /// tracker confirms it on content before treating it as one (32 values estimate a Jaccard of 0.5
    /// as 11–22 equal values, so the floor is low; the content check does the deciding).</summary>
    public const int NearMinEqualValues = 10;

    private static readonly ulong[] Multipliers = CreateMultipliers();

    private readonly int _capacity;
    private readonly ushort[] _signatures;
    private readonly PostKey[] _keys;
    private readonly int[] _buckets;   // Bands tables of (mask + 1) cells, slot + 1 (0 = empty)
    private readonly int _mask;
    private int _next;
    private int _count;

    public CopyDetector() : this(DefaultCapacity) { }

    public CopyDetector(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _signatures = new ushort[(long)capacity * SignatureLength];
        _keys = new PostKey[capacity];
        int tableSize = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        _mask = tableSize - 1;
        _buckets = new int[(long)tableSize * Bands];
    }

    /// <summary>Number of remembered texts (never more than the capacity).</summary>
    public int RememberedTexts => _count;

    /// <summary>Bytes held by the window's arrays (excluding the post id strings).</summary>
    public long WindowBytes => _signatures.Length * 2L + _keys.Length * 16L + _buckets.Length * 4L;

    /// <summary>Compares the post's text with the window and remembers it (reposts are compared
    /// but not remembered: their link to the original is explicit, the tracker uses it first).</summary>
    public CopyVerdict Observe(Post post, NormalisedText text)
    {
        var value = text.Value;
        Span<char> buffer = value.Length <= 512 ? stackalloc char[value.Length] : new char[value.Length];
        int n = Canonicalise(value, buffer);
        if (n < MinCanonicalLength) return CopyVerdict.NotACopy;

        Span<ushort> signature = stackalloc ushort[SignatureLength];
        Sign(buffer[..n], signature);

        // Best candidate over the bands (ties: the earliest probe, i.e. deterministic). The 16 table
        // cells are read first, then the candidates: the reads are independent cache misses in tables
        // of several MB, so the processor can have them all in flight at once.
        Span<int> slots = stackalloc int[Bands];
        for (int band = 0; band < Bands; band++) slots[band] = _buckets[band * (_mask + 1) + BucketOf(signature, band)] - 1;
        int bestSlot = -1, bestEqual = NearMinEqualValues - 1;
        for (int band = 0; band < Bands; band++)
        {
            int slot = slots[band];
            if (slot < 0 || slot == bestSlot) continue;
            int equal = CountEqual(signature, _signatures.AsSpan(slot * SignatureLength, SignatureLength));
            if (equal > bestEqual) { bestEqual = equal; bestSlot = slot; }
        }
        var verdict = bestSlot < 0 || _keys[bestSlot] == post.Key ? CopyVerdict.NotACopy
            : bestEqual >= MinEqualValues ? new CopyVerdict(_keys[bestSlot], bestEqual / (double)SignatureLength)
            : new CopyVerdict(null, bestEqual / (double)SignatureLength, NearCopyOf: _keys[bestSlot]);
        // A repost's text is its original's: looked up (its original may not have arrived yet, or
        // came from another network) but not remembered, so copies point at originals.
        if (!post.IsRepost) Remember(post.Key, signature);
        return verdict;
    }

    private void Remember(PostKey key, ReadOnlySpan<ushort> signature)
    {
        int slot = _next;
        if (_count == _capacity)
        {
            // Forget the slot's previous post: clear the cells that still point at it.
            var old = _signatures.AsSpan(slot * SignatureLength, SignatureLength);
            for (int band = 0; band < Bands; band++)
            {
                int cell = band * (_mask + 1) + BucketOf(old, band);
                if (_buckets[cell] == slot + 1) _buckets[cell] = 0;
            }
        }
        else _count++;
        signature.CopyTo(_signatures.AsSpan(slot * SignatureLength, SignatureLength));
        _keys[slot] = key;
        for (int band = 0; band < Bands; band++)
            _buckets[band * (_mask + 1) + BucketOf(signature, band)] = slot + 1;
        _next = (_next + 1) % _capacity;
    }

    private int BucketOf(ReadOnlySpan<ushort> signature, int band)
    {
        ulong k = (ulong)band << 40;
        for (int r = 0; r < RowsPerBand; r++) k = (k << 16) | signature[band * RowsPerBand + r];
        return (int)(Mix(k) & (ulong)_mask);
    }

    private static int CountEqual(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        if (Vector256.IsHardwareAccelerated && a.Length == SignatureLength && b.Length == SignatureLength)
        {
            // 32 values = two vectors of 16: compare, one bit per equal value, count the bits.
            ref ushort ra = ref MemoryMarshal.GetReference(a), rb = ref MemoryMarshal.GetReference(b);
            uint low = Vector256.Equals(Vector256.LoadUnsafe(ref ra), Vector256.LoadUnsafe(ref rb)).ExtractMostSignificantBits();
            uint high = Vector256.Equals(Vector256.LoadUnsafe(ref ra, 16), Vector256.LoadUnsafe(ref rb, 16)).ExtractMostSignificantBits();
            return BitOperations.PopCount(low) + BitOperations.PopCount(high);
        }
        int equal = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] == b[i]) equal++;
        return equal;
    }

    /// <summary>MinHash of the set of character bigrams: per value, the minimum over the bigrams
    /// of a multiply-shift hash (one 64-bit mix per bigram, one multiply per value).</summary>
    internal static void Sign(ReadOnlySpan<char> canonical, Span<ushort> signature)
    {
        if (Avx2.IsSupported) SignAvx2(canonical, signature);
        else SignScalar(canonical, signature);
    }

    // The multipliers split for 32-bit lanes: low and high halves, and the low halves of the odd
    // values moved to even lanes (vpmuludq multiplies even lanes only). Eight values per vector.
    private static readonly Vector256<uint>[] MulLow = Lanes(j => (uint)Multipliers[j]);
    private static readonly Vector256<uint>[] MulHigh = Lanes(j => (uint)(Multipliers[j] >> 32));
    private static readonly Vector256<uint>[] MulLowOdd = Lanes(j => j % 2 == 0 ? (uint)Multipliers[j + 1] : 0u);

    private static Vector256<uint>[] Lanes(Func<int, uint> value) =>
        [.. Enumerable.Range(0, SignatureLength / 8).Select(g => Vector256.Create(Enumerable.Range(0, 8).Select(i => value(g * 8 + i)).ToArray()))];

    /// <summary><see cref="SignScalar"/> eight values at a time, bit for bit the same: bits 32–63 of the
    /// wrapped 64-bit product h·m are hi32(hL·mL) + hH·mL + hL·mH (mod 2³²).</summary>
    private static void SignAvx2(ReadOnlySpan<char> canonical, Span<ushort> signature)
    {
        var min0 = Vector256<uint>.AllBitsSet; var min1 = min0; var min2 = min0; var min3 = min0;
        for (int i = 0; i + 1 < canonical.Length; i++)
        {
            ulong h = Mix(((ulong)canonical[i] << 16) | canonical[i + 1]);
            var low = Vector256.Create((uint)h);
            var high = Vector256.Create((uint)(h >> 32));
            min0 = Avx2.Min(min0, Values(low, high, 0));
            min1 = Avx2.Min(min1, Values(low, high, 1));
            min2 = Avx2.Min(min2, Values(low, high, 2));
            min3 = Avx2.Min(min3, Values(low, high, 3));
        }
        Span<uint> min = stackalloc uint[SignatureLength];
        min0.CopyTo(min); min1.CopyTo(min[8..]); min2.CopyTo(min[16..]); min3.CopyTo(min[24..]);
        for (int j = 0; j < SignatureLength; j++) signature[j] = (ushort)(min[j] >> 16);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Values(Vector256<uint> hLow, Vector256<uint> hHigh, int group)
    {
        var mLow = MulLow[group];
        var even = Avx2.ShiftRightLogical(Avx2.Multiply(hLow, mLow), 32).AsUInt32();   // hi32 of lanes 0, 2, 4, 6 (in even lanes)
        var odd = Avx2.Multiply(hLow, MulLowOdd[group]).AsUInt32();                    // hi32 of lanes 1, 3, 5, 7 (in odd lanes)
        var carry = Avx2.Blend(even, odd, 0b1010_1010);
        return carry + hHigh * mLow + hLow * MulHigh[group];
    }

    internal static void SignScalar(ReadOnlySpan<char> canonical, Span<ushort> signature)
    {
        Span<uint> min = stackalloc uint[SignatureLength];
        min.Fill(uint.MaxValue);
        for (int i = 0; i + 1 < canonical.Length; i++)
        {
            ulong h = Mix(((ulong)canonical[i] << 16) | canonical[i + 1]);
            for (int j = 0; j < SignatureLength; j++)
            {
                uint v = (uint)((h * Multipliers[j]) >> 32);
                if (v < min[j]) min[j] = v;
            }
        }
        for (int j = 0; j < SignatureLength; j++) signature[j] = (ushort)(min[j] >> 16);
    }

    /// <summary>Writes the canonical form of a normalised text into <paramref name="into"/>; returns its length.</summary>
    internal static int Canonicalise(ReadOnlySpan<char> s, Span<char> into)
    {
        int i = 0, n = 0;
        // Leading "rt @user:" (already lower-cased by the normaliser).
        var trimmed = s.TrimStart();
        if (trimmed.StartsWith("rt @", StringComparison.Ordinal))
        {
            int colon = trimmed.IndexOf(':');
            i = (s.Length - trimmed.Length) + (colon >= 0 ? colon + 1 : 2);
        }
        while (i < s.Length)
        {
            char c = s[i];
            if ((c == 'h' && (s[i..].StartsWith("http://", StringComparison.Ordinal) || s[i..].StartsWith("https://", StringComparison.Ordinal)))
                || c is '@' or '#')
            {
                i++;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && !(c != 'h' && IsBreak(s[i]))) i++;
                continue;
            }
            if (char.IsLetterOrDigit(c) || c is 'ー' or '々' or '〇') into[n++] = c;
            i++;
        }
        return n;
    }

    /// <summary>An edited copy keeps the copied sentence in one piece: the longest run the two
    /// canonical texts share covers ≥ 60 % of the shorter one (and ≥ 10 characters). Two texts
    /// that only share a frame (「地震のせいで熊本の動物園…らしい」 about a lion and about a fire)
    /// share shorter runs.</summary>
    public static bool IsEditedCopy(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int shorter = Math.Min(a.Length, b.Length);
        if (shorter < MinCanonicalLength) return false;
        int run = LongestCommonRun(a, b);
        return run >= 10 && run >= 0.6 * shorter;
    }

    internal static int LongestCommonRun(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (b.Length > 512) b = b[..512];
        Span<int> previous = stackalloc int[b.Length + 1], current = stackalloc int[b.Length + 1];
        previous.Clear();
        int best = 0;
        for (int i = 0; i < a.Length; i++)
        {
            current[0] = 0;
            for (int j = 0; j < b.Length; j++)
            {
                current[j + 1] = a[i] == b[j] ? previous[j] + 1 : 0;
                if (current[j + 1] > best) best = current[j + 1];
            }
            var swap = previous; previous = current; current = swap;
        }
        return best;
    }

    /// <summary>The canonical form as a string (at most 512 characters).</summary>
    internal static string Canonical(string normalised)
    {
        Span<char> buffer = normalised.Length <= 512 ? stackalloc char[normalised.Length] : new char[normalised.Length];
        int n = Canonicalise(normalised, buffer);
        return new string(buffer[..Math.Min(n, 512)]);
    }

    private static bool IsBreak(char c) => char.IsPunctuation(c) || char.IsSymbol(c) || c is '、' or '。';

    /// <summary>splitmix64 finaliser: a cheap, well-spread 64-bit mix.</summary>
    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] CreateMultipliers()
    {
        // Fixed odd multipliers derived from a constant seed: signatures are stable across runs.
        var m = new ulong[SignatureLength];
        for (int j = 0; j < m.Length; j++) m[j] = Mix(0xC0FFEEUL + (ulong)j) | 1UL;
        return m;
    }
}

/// <summary><paramref name="DuplicateOf"/> is the earlier post this text copies (null when none);
/// <paramref name="Similarity"/> the estimated Jaccard similarity of their bigram sets;
/// <paramref name="NearCopyOf"/> the closest earlier post when it is similar but not a copy.</summary>
public sealed record CopyVerdict(PostKey? DuplicateOf, double Similarity, PostKey? NearCopyOf = null)
{
    public static CopyVerdict NotACopy { get; } = new(null, 0);
}
