using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Reliability.Learning;

/// <summary>
/// Turns a graded post into the sparse binary/real features of the learned model: the rule
/// grade's letter and digit, each reason code (without its detail), a few author numbers on a log
/// scale, and the text's character bigrams hashed into <see cref="TextBuckets"/> buckets (the
/// "hashing trick": no vocabulary to store or version). Pure and deterministic.
/// </summary>
public static class ReliabilityFeatures
{
    public const int SignalSlots = 256;
    public const int TextBuckets = 4096;
    public const int Dimension = SignalSlots + TextBuckets;

    public static SparseFeatures Extract(Post post, string normalisedText, ReliabilityGrade ruleGrade)
    {
        var f = new SparseFeatures(48);
        f.Set(Slot("src:" + ruleGrade.Source), 1);
        f.Set(Slot("cred:" + ruleGrade.Credibility), 1);
        foreach (var r in ruleGrade.Reasons)
        {
            int colon = r.IndexOf(':');
            var code = colon < 0 ? r : r[..colon];
            if (code == "learned_model") continue;
            f.Set(Slot("r:" + code), 1);
        }
        var a = post.Author;
        if (a.FollowersCount is { } followers) f.Set(Slot("followers_log"), Math.Log10(1 + Math.Max(0, followers)) / 7);
        if (a.AccountCreatedAt is { } created)
            f.Set(Slot("age_log"), Math.Log10(1 + Math.Max(0, (post.CreatedAt - created).TotalDays)) / 4);
        if (post.Media.Count > 0) f.Set(Slot("media"), 1);
        if (post.Geo is not null) f.Set(Slot("geo"), 1);
        if (post.Urls.Count > 0) f.Set(Slot("urls"), 1);
        f.Set(Slot("bias"), 1);

        Span<char> buffer = normalisedText.Length <= 512 ? stackalloc char[normalisedText.Length] : new char[normalisedText.Length];
        int n = CopyDetector.Canonicalise(normalisedText, buffer);
        for (int i = 0; i + 1 < n; i++)
            f.Set(SignalSlots + (int)(CopyDetector.Mix(((ulong)buffer[i] << 16) | buffer[i + 1]) % TextBuckets), 1);
        return f;
    }

    private static int Slot(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in name) { h ^= c; h *= 1099511628211UL; }
        return (int)(h % SignalSlots);
    }
}

/// <summary>A sparse feature vector (index → value; setting an index again overwrites it).</summary>
public sealed class SparseFeatures(int capacity = 32)
{
    private readonly List<int> _index = new(capacity);
    private readonly List<double> _value = new(capacity);

    public int Count => _index.Count;
    public int IndexAt(int i) => _index[i];
    public double ValueAt(int i) => _value[i];

    public void Set(int index, double value)
    {
        int at = _index.IndexOf(index);
        if (at >= 0) _value[at] = value;
        else { _index.Add(index); _value.Add(value); }
    }
}
