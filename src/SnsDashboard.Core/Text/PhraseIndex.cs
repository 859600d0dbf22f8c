using System.Collections.Frozen;

namespace SnsDashboard.Core.Text;

/// <summary>
/// Multi-pattern substring search over normalised text: a first-character index (a 64 K-bit
/// bitmap to skip to candidate positions — <c>SearchValues</c> degrades to a linear probe for
/// hundreds of kanji — then a per-character bucket of phrases sorted longest first, confirmed
/// with <c>StartsWith</c>). Immutable and thread-safe
/// once built; the glossary and the gazetteer each compile one per snapshot.
/// </summary>
public sealed class PhraseIndex<T>
{
    private readonly FrozenDictionary<char, Phrase[]> _byFirstChar;
    private readonly ulong[] _firstChars = new ulong[65536 / 64];

    /// <summary>One distinct phrase (already normalised) and every payload registered under it.</summary>
    public sealed record Phrase(string Text, IReadOnlyList<T> Payloads);

    /// <param name="items">Normalised phrases with their payloads; empty phrases are ignored and
    /// payloads of equal phrases are merged in input order.</param>
    public PhraseIndex(IEnumerable<(string Phrase, T Payload)> items)
    {
        var grouped = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (phrase, payload) in items)
        {
            if (string.IsNullOrEmpty(phrase)) continue;
            if (!grouped.TryGetValue(phrase, out var list))
            {
                grouped[phrase] = list = [];
                order.Add(phrase);
            }
            list.Add(payload);
        }
        _byFirstChar = order
            .Select(p => new Phrase(p, grouped[p].ToArray()))
            .GroupBy(p => p.Text[0])
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderByDescending(p => p.Text.Length).ThenBy(p => p.Text, StringComparer.Ordinal).ToArray());
        foreach (char c in _byFirstChar.Keys) _firstChars[c >> 6] |= 1UL << (c & 63);
        Count = order.Count;
    }

    /// <summary>Number of distinct phrases.</summary>
    public int Count { get; }

    /// <summary>The next position at or after <paramref name="from"/> where some phrase could start, or -1.</summary>
    public int NextCandidate(ReadOnlySpan<char> text, int from)
    {
        var bits = _firstChars;
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if ((bits[c >> 6] & (1UL << (c & 63))) != 0) return i;
        }
        return -1;
    }

    /// <summary>Phrases starting at <paramref name="position"/> that match, longest first, written
    /// into <paramref name="into"/> (cleared first). Returns the count.</summary>
    public int MatchesAt(ReadOnlySpan<char> text, int position, List<Phrase> into)
    {
        into.Clear();
        if (!_byFirstChar.TryGetValue(text[position], out var bucket)) return 0;
        var rest = text[position..];
        foreach (var p in bucket)
            if (rest.StartsWith(p.Text, StringComparison.Ordinal)) into.Add(p);
        return into.Count;
    }

    /// <summary>The longest phrase starting at <paramref name="position"/>, or null.</summary>
    public Phrase? LongestAt(ReadOnlySpan<char> text, int position)
    {
        if (!_byFirstChar.TryGetValue(text[position], out var bucket)) return null;
        var rest = text[position..];
        foreach (var p in bucket)
            if (rest.StartsWith(p.Text, StringComparison.Ordinal)) return p;
        return null;
    }
}
