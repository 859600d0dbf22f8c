using System.Buffers;
using System.Collections.Frozen;

namespace SnsDashboard.Core.Text;

/// <summary>How <see cref="PhraseIndex{T}.Scan"/> finds candidate positions (benchmarked in
/// bench/SnsDashboard.Benchmarks, GlossaryMatcherBenchmarks; docs/benchmarks.md has the numbers).</summary>
public enum PhraseSearch
{
    /// <summary>A 64 K-bit bitmap of first characters, then the longest phrase of that character's bucket.</summary>
    FirstCharBitmap,
    /// <summary><c>SearchValues&lt;string&gt;</c> finds the next position where any phrase starts.</summary>
    SearchValues,
    /// <summary>An Aho–Corasick automaton reports every match in one pass.</summary>
    AhoCorasick,
}

/// <summary>
/// Multi-pattern substring search over normalised text, leftmost-longest and non-overlapping (a
/// longer phrase wins over the words inside it). Three interchangeable engines
/// (<see cref="PhraseSearch"/>) give identical answers. Immutable and thread-safe once built;
/// the glossary and the gazetteer each compile one per snapshot.
/// </summary>
public sealed class PhraseIndex<T>
{
    private readonly Phrase[] _phrases;
    private readonly SearchValues<string>? _searchValues;
    private readonly AhoCorasickAutomaton? _automaton;
    private readonly FrozenDictionary<char, Phrase[]> _byFirstChar;
    private readonly ulong[] _firstChars = new ulong[65536 / 64];

    /// <summary>One distinct phrase (already normalised), its number in this index (<see cref="PhraseAt"/>)
    /// and every payload registered under it.</summary>
    public sealed record Phrase(int Id, string Text, T[] Payloads);

    /// <param name="items">Normalised phrases with their payloads; empty phrases are ignored and
    /// payloads of equal phrases are merged in input order.</param>
    public PhraseIndex(IEnumerable<(string Phrase, T Payload)> items, PhraseSearch search = PhraseSearch.FirstCharBitmap)
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
        _phrases = order.Select((p, id) => new Phrase(id, p, grouped[p].ToArray())).ToArray();
        // The Aho–Corasick engine never probes by first character: skip building those tables.
        _byFirstChar = search == PhraseSearch.AhoCorasick ? FrozenDictionary<char, Phrase[]>.Empty : _phrases
            .GroupBy(p => p.Text[0])
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderByDescending(p => p.Text.Length).ThenBy(p => p.Text, StringComparer.Ordinal).ToArray());
        foreach (char c in _byFirstChar.Keys) _firstChars[c >> 6] |= 1UL << (c & 63);
        Count = order.Count;
        Search = search;
        if (search == PhraseSearch.SearchValues && order.Count > 0)
            _searchValues = System.Buffers.SearchValues.Create(order.ToArray(), StringComparison.Ordinal);
        if (search == PhraseSearch.AhoCorasick)
            _automaton = new AhoCorasickAutomaton(order);
    }

    public PhraseSearch Search { get; }

    /// <summary>
    /// Leftmost-longest, non-overlapping matches of the whole text, in text order, appended to
    /// <paramref name="hits"/>. Returns the number appended.
    /// </summary>
    public int Scan(ReadOnlySpan<char> text, List<(int Start, Phrase Phrase)> hits)
    {
        var ids = t_ids ??= [];
        ids.Clear();
        int added = ScanIds(text, ids);
        foreach (var (start, id) in ids) hits.Add((start, _phrases[id]));
        return added;
    }

    [ThreadStatic] private static List<(int, int)>? t_ids;

    /// <summary>
    /// As <see cref="Scan"/>, but each match names its phrase by <see cref="Phrase.Id"/> (look it up
    /// with <see cref="PhraseAt"/>): the Aho–Corasick engine then writes straight into
    /// <paramref name="hits"/>, with no copy per match.
    /// </summary>
    public int ScanIds(ReadOnlySpan<char> text, List<(int Start, int Id)> hits)
    {
        int before = hits.Count;
        switch (Search)
        {
            case PhraseSearch.AhoCorasick:
                _automaton!.Scan(text, hits);
                break;
            case PhraseSearch.SearchValues:
                if (_searchValues is null) break;
                for (int i = 0; i < text.Length;)
                {
                    int at = text[i..].IndexOfAny(_searchValues);
                    if (at < 0) break;
                    i += at;
                    var p = LongestAt(text, i)!;
                    hits.Add((i, p.Id));
                    i += p.Text.Length;
                }
                break;
            default:
                for (int i = NextCandidate(text, 0); i >= 0 && i < text.Length;)
                {
                    var p = LongestAt(text, i);
                    if (p is null) { i = NextCandidate(text, i + 1); continue; }
                    hits.Add((i, p.Id));
                    i = NextCandidate(text, i + p.Text.Length);
                }
                break;
        }
        return hits.Count - before;
    }

    /// <summary>The phrase numbered <paramref name="id"/> (0 ≤ id &lt; <see cref="Count"/>).</summary>
    public Phrase PhraseAt(int id) => _phrases[id];

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

    /// <summary>The longest phrase starting at <paramref name="position"/>, or null. (Not available
    /// on an <see cref="PhraseSearch.AhoCorasick"/> index, which has no first-character tables: use <see cref="Scan"/>.)</summary>
    public Phrase? LongestAt(ReadOnlySpan<char> text, int position)
    {
        if (!_byFirstChar.TryGetValue(text[position], out var bucket)) return null;
        var rest = text[position..];
        foreach (var p in bucket)
            if (rest.StartsWith(p.Text, StringComparison.Ordinal)) return p;
        return null;
    }
}
