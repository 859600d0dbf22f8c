namespace SnsDashboard.Core.Text;

/// <summary>
/// Text after <see cref="TextNormaliser"/>, with a map from each normalised UTF-16 index back to
/// the original text, so every match can be highlighted exactly in what the author wrote.
/// </summary>
public sealed class NormalisedText(string original, string value, int[] originalStart)
{
    /// <summary>The text as the author wrote it.</summary>
    public string Original { get; } = original;
    /// <summary>The normalised text that matchers search.</summary>
    public string Value { get; } = value;

    // originalStart[i] = index in Original where the character that produced Value[i] begins;
    // originalStart[Value.Length] = Original.Length (sentinel).
    private readonly int[] _originalStart = originalStart;

    /// <summary>Maps a span of <see cref="Value"/> to the span of <see cref="Original"/> it came from.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (start + length > Value.Length) throw new ArgumentOutOfRangeException(nameof(length));
        int s = _originalStart[start];
        int e = length == 0 ? s : EndOf(start + length - 1);
        return (s, e - s);
    }

    // End (exclusive) in Original of the source character that produced Value[i].
    private int EndOf(int i)
    {
        int s = _originalStart[i];
        for (int j = i + 1; j <= Value.Length; j++)
            if (_originalStart[j] != s) return _originalStart[j];
        return Original.Length;
    }
}
