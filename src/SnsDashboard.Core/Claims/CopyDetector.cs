using System.Globalization;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Claims;

/// <summary>
/// Recognises copies (reposts and copy-pasted texts from other accounts) so they form one claim
/// and never count as independent confirmation. Holds the state of recent texts explicitly;
/// not thread-safe: the pipeline runs it on its single consumer.
/// </summary>
/// <remarks>
/// The canonical text is the normalised text without URLs, a leading "RT @x:", mentions, hashtags,
/// white space and punctuation. Its 64-bit FNV-1a hash is the claim id ("c-" + 16 hex digits), so
/// the same text gives the same claim in every run. Texts shorter than
/// <see cref="MinCanonicalLength"/> (揺れた！) are independent observations, not copies: such a post
/// is its own claim. Memory is bounded: the last <c>capacity</c> texts and post ids are kept in
/// ring buffers, the oldest forgotten first (about 100 bytes per entry).
/// </remarks>
public sealed class CopyDetector
{
    public const int DefaultCapacity = 200_000;
    public const int MinCanonicalLength = 12;

    private readonly RingMap<ulong, (string PostId, string ClaimId)> _texts;
    private readonly RingMap<(string Source, string PostId), string> _claimsByPost;

    public CopyDetector() : this(DefaultCapacity) { }

    public CopyDetector(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _texts = new(capacity);
        _claimsByPost = new(capacity);
    }

    /// <summary>Number of remembered texts (never more than the capacity).</summary>
    public int RememberedTexts => _texts.Count;

    public CopyVerdict Observe(Post post, NormalisedText text)
    {
        if (post.IsRepost && !string.IsNullOrEmpty(post.RepostOfId))
        {
            string claim = _claimsByPost.TryGet((post.Source, post.RepostOfId), out var c) ? c
                : "c-" + Hex(Fnv("post:" + post.Source + "/" + post.RepostOfId));
            _claimsByPost.Set((post.Source, post.SourcePostId), claim);
            return new CopyVerdict(post.RepostOfId, claim);
        }

        Span<char> buffer = text.Value.Length <= 512 ? stackalloc char[text.Value.Length] : new char[text.Value.Length];
        int n = Canonicalise(text.Value, buffer);
        var canonical = buffer[..n];
        if (n < MinCanonicalLength)
        {
            string own = "c-" + Hex(Fnv("post:" + post.Source + "/" + post.SourcePostId));
            _claimsByPost.Set((post.Source, post.SourcePostId), own);
            return new CopyVerdict(null, own);
        }
        ulong hash = Fnv(canonical);
        if (_texts.TryGet(hash, out var first) && first.PostId != post.SourcePostId)
        {
            _claimsByPost.Set((post.Source, post.SourcePostId), first.ClaimId);
            return new CopyVerdict(first.PostId, first.ClaimId);
        }
        string claimId = "c-" + Hex(hash);
        _texts.Set(hash, (post.SourcePostId, claimId));
        _claimsByPost.Set((post.Source, post.SourcePostId), claimId);
        return new CopyVerdict(null, claimId);
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

    private static bool IsBreak(char c) => char.IsPunctuation(c) || char.IsSymbol(c) || c is '、' or '。';

    private static ulong Fnv(ReadOnlySpan<char> s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s)
        {
            h ^= (byte)c; h *= 1099511628211UL;
            h ^= (byte)(c >> 8); h *= 1099511628211UL;
        }
        return h;
    }

    private static string Hex(ulong h) => h.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A dictionary that forgets its oldest key once it holds <c>capacity</c> keys.</summary>
    private sealed class RingMap<TKey, TValue>(int capacity) where TKey : notnull
    {
        private readonly Dictionary<TKey, TValue> _map = new(Math.Min(capacity, 1 << 16));
        private readonly TKey[] _ring = new TKey[capacity];
        private int _next;
        private bool _full;

        public int Count => _map.Count;

        public bool TryGet(TKey key, out TValue value) => _map.TryGetValue(key, out value!);

        public void Set(TKey key, TValue value)
        {
            if (_map.ContainsKey(key)) { _map[key] = value; return; }
            if (_full) _map.Remove(_ring[_next]);
            _map[key] = value;
            _ring[_next] = key;
            if (++_next == _ring.Length) { _next = 0; _full = true; }
        }
    }
}

/// <summary><paramref name="DuplicateOf"/> is the source_post_id of the earlier copy, or null.</summary>
public sealed record CopyVerdict(string? DuplicateOf, string ClaimId);
