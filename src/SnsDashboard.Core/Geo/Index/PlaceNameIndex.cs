namespace SnsDashboard.Core.Geo.Index;

/// <summary>
/// Place-name lookup in running text. Names are folded (<see cref="PlaceChars"/>) and bucketed by
/// their first two characters, with a bit filter on that pair, so a scan costs one bit test per
/// character and one small bucket probe per candidate — unlike a first-character index, whose
/// buckets grow to hundreds of names per kanji with a nationwide gazetteer. Immutable, thread-safe.
/// </summary>
internal sealed class PlaceNameIndex<T>
{
    public sealed record Entry(string Key, T[] Payloads);

    private readonly Dictionary<uint, Entry[]> _byPair = new();
    private readonly Dictionary<char, Entry> _single = new();
    private readonly ulong[] _pairBits;
    private readonly int _pairMask;

    /// <param name="items">normalised names (folded here) with payloads; equal names merge.</param>
    /// <param name="filterBits">size of the pair filter in bits (a power of two).</param>
    public PlaceNameIndex(IEnumerable<(string Name, T Payload)> items, int filterBits = 1 << 20)
    {
        var grouped = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var (name, payload) in items)
        {
            if (string.IsNullOrEmpty(name)) continue;
            string key = PlaceChars.Fold(name);
            if (!grouped.TryGetValue(key, out var list)) grouped[key] = list = [];
            if (!list.Contains(payload)) list.Add(payload);
        }
        _pairBits = new ulong[Math.Max(1, filterBits / 64)];
        _pairMask = _pairBits.Length * 64 - 1;
        var byPair = new Dictionary<uint, List<Entry>>();
        foreach (var (key, payloads) in grouped)
        {
            var entry = new Entry(key, payloads.ToArray());
            if (key.Length == 1) { _single[key[0]] = entry; continue; }
            uint pair = Pair(key[0], key[1]);
            if (!byPair.TryGetValue(pair, out var l)) byPair[pair] = l = [];
            l.Add(entry);
            int h = (int)(Hash(pair) & (uint)_pairMask);
            _pairBits[h >> 6] |= 1UL << (h & 63);
        }
        foreach (var (pair, list) in byPair)
            _byPair[pair] = list.OrderByDescending(e => e.Key.Length).ThenBy(e => e.Key, StringComparer.Ordinal).ToArray();
        Count = grouped.Count;
    }

    public int Count { get; }

    /// <summary>The first (folded) character pair of every name of two or more characters.</summary>
    public IEnumerable<uint> Pairs => _byPair.Keys;

    public static uint PairAt(ReadOnlySpan<char> text, int pos) => Pair(PlaceChars.Fold(text[pos]), PlaceChars.Fold(text[pos + 1]));

    private static uint Pair(char a, char b) => (uint)a << 16 | b;
    private static uint Hash(uint pair) => (pair * 2654435761u) >> 7;

    /// <summary>Matching names starting at <paramref name="pos"/>, longest first (cleared first).</summary>
    public void MatchesAt(ReadOnlySpan<char> text, int pos, List<Entry> into)
    {
        into.Clear();
        if (pos + 1 < text.Length)
        {
            uint pair = Pair(PlaceChars.Fold(text[pos]), PlaceChars.Fold(text[pos + 1]));
            int h = (int)(Hash(pair) & (uint)_pairMask);
            if ((_pairBits[h >> 6] & (1UL << (h & 63))) != 0 && _byPair.TryGetValue(pair, out var bucket))
                foreach (var e in bucket)
                    if (StartsWithFolded(text, pos, e.Key)) into.Add(e);
        }
        if (_single.Count > 0 && pos < text.Length && _single.TryGetValue(PlaceChars.Fold(text[pos]), out var one)) into.Add(one);
    }

    /// <summary>The longest name starting at <paramref name="pos"/>, or null.</summary>
    public Entry? LongestAt(ReadOnlySpan<char> text, int pos)
    {
        if (pos + 1 < text.Length)
        {
            uint pair = Pair(PlaceChars.Fold(text[pos]), PlaceChars.Fold(text[pos + 1]));
            int h = (int)(Hash(pair) & (uint)_pairMask);
            if ((_pairBits[h >> 6] & (1UL << (h & 63))) != 0 && _byPair.TryGetValue(pair, out var bucket))
                foreach (var e in bucket)
                    if (StartsWithFolded(text, pos, e.Key)) return e;
        }
        return _single.Count > 0 && pos < text.Length && _single.TryGetValue(PlaceChars.Fold(text[pos]), out var one) ? one : null;
    }

    private static bool StartsWithFolded(ReadOnlySpan<char> text, int pos, string key)
    {
        if (pos + key.Length > text.Length) return false;
        for (int k = 2; k < key.Length; k++)
            if (PlaceChars.Fold(text[pos + k]) != key[k]) return false;
        return true;
    }
}
