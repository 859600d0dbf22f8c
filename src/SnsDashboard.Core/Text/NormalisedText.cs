namespace SnsDashboard.Core.Text;

/// <summary>
/// Text after <see cref="TextNormaliser"/>, with a map from each normalised UTF-16 index back to
/// the original text, so every match can be highlighted exactly in what the author wrote.
/// </summary>
public sealed class NormalisedText
{
    // originalStart[i] = index in Original where the source character that produced Value[i] begins;
    // originalEnd[i]   = index in Original just after that source character (exclusive).
    // A source character is one code point (a surrogate pair is never split), or a base character
    // plus the combining voiced-sound mark that was composed into it.
    // Both null: the map is one to one (Value[i] came from Original[i]; same length), as for most posts.
    private readonly int[]? _originalStart;
    private readonly int[]? _originalEnd;

    /// <summary>
    /// Builds the map from start offsets only: <paramref name="originalStart"/> has one entry per
    /// character of <paramref name="value"/> plus the sentinel <c>originalStart[value.Length] =
    /// original.Length</c>. The end of a character is the next different start, which is exact only
    /// when no original text was dropped; prefer the constructor with explicit ends.
    /// </summary>
    public NormalisedText(string original, string value, int[] originalStart)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(originalStart);
        if (originalStart.Length < value.Length) throw new ArgumentException("one start offset per character is required", nameof(originalStart));
        Original = original;
        Value = value;
        _originalStart = originalStart[..value.Length];
        _originalEnd = new int[value.Length];
        for (int i = 0; i < value.Length; i++)
        {
            int s = originalStart[i], e = original.Length;
            for (int j = i + 1; j < originalStart.Length && j <= value.Length; j++)
            {
                int next = j < value.Length ? originalStart[j] : original.Length;
                if (next != s) { e = next; break; }
            }
            _originalEnd[i] = e;
        }
    }

    /// <summary>Builds the map from explicit per-character start and end offsets (same length as <paramref name="value"/>).</summary>
    public NormalisedText(string original, string value, int[] originalStart, int[] originalEnd)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(value);
        if (originalStart.Length != value.Length || originalEnd.Length != value.Length)
            throw new ArgumentException("one start and one end offset per character are required");
        Original = original;
        Value = value;
        _originalStart = originalStart;
        _originalEnd = originalEnd;
    }

    private NormalisedText(string original, string value)
    {
        Original = original;
        Value = value;
    }

    /// <summary>A text whose every character <c>i</c> came from the original's character <c>i</c> (no offset arrays).</summary>
    internal static NormalisedText OneToOne(string original, string value)
    {
        if (original.Length != value.Length) throw new ArgumentException("a one-to-one map needs equal lengths", nameof(value));
        return new NormalisedText(original, value);
    }

    /// <summary>The text as the author wrote it.</summary>
    public string Original { get; }
    /// <summary>The normalised text that matchers search.</summary>
    public string Value { get; }

    /// <summary>
    /// Maps a span of <see cref="Value"/> to the span of <see cref="Original"/> it came from: from
    /// the start of the first source character to the end of the last one. Original characters
    /// dropped as noise inside the span (emoji, variation selectors) are included; dropped noise
    /// just before or after the span is not. An empty span maps to an empty span at the start.
    /// </summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (start + length > Value.Length) throw new ArgumentOutOfRangeException(nameof(length));
        if (_originalStart is null || _originalEnd is null) return (start, length);
        if (length == 0)
        {
            int at = start < Value.Length ? _originalStart[start] : Original.Length;
            return (at, 0);
        }
        int s = _originalStart[start];
        int e = _originalEnd[start + length - 1];
        return (s, e - s);
    }

    /// <summary>The original text of a span of <see cref="Value"/>.</summary>
    public string OriginalSpan(int start, int length)
    {
        var (s, l) = ToOriginal(start, length);
        return Original.Substring(s, l);
    }
}
