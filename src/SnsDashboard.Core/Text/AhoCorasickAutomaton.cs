namespace SnsDashboard.Core.Text;

/// <summary>
/// An Aho–Corasick automaton over UTF-16 characters, returning leftmost-longest, non-overlapping
/// matches (the same answer as probing every position for its longest phrase). One of the search
/// engines <see cref="PhraseIndex{T}"/> can use; benchmarked against the others in
/// bench/SnsDashboard.Benchmarks (GlossaryMatcherBenchmarks).
/// </summary>
/// <remarks>
/// Characters are first mapped to a compact alphabet (0 = in no phrase, which resets to the root
/// without any table look-up). The root's transitions are a dense array; deeper states, which
/// have few children, keep theirs in sorted slices of one shared array. Immutable after
/// construction and thread-safe.
/// </remarks>
public sealed class AhoCorasickAutomaton
{
    private readonly ushort[] _symbolOf = new ushort[65536];
    private readonly int[] _root;            // symbol → state (0 = stay at root)
    private readonly int[] _childStart, _childCount, _childState;
    private readonly ushort[] _childSymbol;
    private readonly int[] _fail, _depth, _phraseAt, _outLink;
    private readonly bool[] _hasOutput;

    /// <param name="phrases">Non-empty, distinct phrases; match results refer to them by index.</param>
    public AhoCorasickAutomaton(IReadOnlyList<string> phrases)
    {
        ushort next = 1;
        foreach (var p in phrases)
            foreach (char c in p)
                if (_symbolOf[c] == 0)
                {
                    if (next == ushort.MaxValue) throw new ArgumentException("too many distinct characters");
                    _symbolOf[c] = next++;
                }
        int alphabet = next;

        // Trie while building: one dictionary of (state, symbol) → child for all states (cheaper to
        // build than a dictionary per state), plus per-state child lists for the breadth-first pass.
        var edges = new Dictionary<long, int>();
        var kids = new List<List<(ushort Sym, int State)>> { new() };
        var depth = new List<int> { 0 };
        var phraseAt = new List<int> { -1 };
        for (int i = 0; i < phrases.Count; i++)
        {
            int s = 0;
            foreach (char c in phrases[i])
            {
                ushort sym = _symbolOf[c];
                long key = ((long)s << 16) | sym;
                if (!edges.TryGetValue(key, out int t))
                {
                    t = kids.Count;
                    edges[key] = t;
                    kids[s].Add((sym, t));
                    kids.Add([]);
                    depth.Add(depth[s] + 1);
                    phraseAt.Add(-1);
                }
                s = t;
            }
            if (phraseAt[s] < 0) phraseAt[s] = i;
        }

        int n = kids.Count;
        _fail = new int[n];
        _outLink = new int[n];
        _hasOutput = new bool[n];
        _depth = [.. depth];
        _phraseAt = [.. phraseAt];
        _root = new int[alphabet];
        foreach (var (sym, t) in kids[0]) _root[sym] = t;

        // Breadth-first: failure links and output links.
        var queue = new Queue<int>();
        _outLink[0] = -1;
        foreach (var (_, t) in kids[0]) { _fail[t] = 0; _outLink[t] = -1; queue.Enqueue(t); }
        while (queue.Count > 0)
        {
            int s = queue.Dequeue();
            foreach (var (sym, t) in kids[s])
            {
                int f = _fail[s];
                int target;
                while (true)
                {
                    if (f == 0) { target = _root[sym]; break; }
                    if (edges.TryGetValue(((long)f << 16) | sym, out target)) break;
                    f = _fail[f];
                }
                _fail[t] = target == t ? 0 : target;
                _outLink[t] = _phraseAt[_fail[t]] >= 0 ? _fail[t] : _outLink[_fail[t]];
                queue.Enqueue(t);
            }
        }
        for (int s = 0; s < n; s++) _hasOutput[s] = _phraseAt[s] >= 0 || _outLink[s] > 0;

        // Flatten the children of non-root states into sorted slices.
        _childStart = new int[n];
        _childCount = new int[n];
        int total = kids.Sum(c => c.Count);
        _childSymbol = new ushort[total];
        _childState = new int[total];
        int at = 0;
        for (int s = 0; s < n; s++)
        {
            _childStart[s] = at;
            _childCount[s] = kids[s].Count;
            kids[s].Sort((a, b) => a.Sym.CompareTo(b.Sym));
            foreach (var (sym, t) in kids[s]) { _childSymbol[at] = sym; _childState[at] = t; at++; }
        }
        StateCount = n;
    }

    public int StateCount { get; }

    /// <summary>
    /// Leftmost-longest, non-overlapping matches: for each match, its start and the index of the
    /// phrase, in text order, appended to <paramref name="hits"/>. Returns the number appended.
    /// </summary>
    public int Scan(ReadOnlySpan<char> text, List<(int Start, int Phrase)> hits)
    {
        // best[start] = (length << 20 | phrase + 1) of the longest phrase starting there; rented only once something matches.
        long[]? best = null;
        int state = 0, found = 0;
        var symbolOf = _symbolOf;
        for (int j = 0; j < text.Length; j++)
        {
            ushort sym = symbolOf[text[j]];
            if (sym == 0) { state = 0; continue; }
            state = Step(state, sym);
            if (!_hasOutput[state]) continue;
            for (int s = _phraseAt[state] >= 0 ? state : _outLink[state]; s > 0; s = _outLink[s])
            {
                int len = _depth[s], start = j - len + 1;
                best ??= System.Buffers.ArrayPool<long>.Shared.Rent(text.Length);
                if (found == 0) Array.Clear(best, 0, text.Length);
                found++;
                long packed = ((long)len << 32) | (uint)_phraseAt[s];
                if (packed > best[start]) best[start] = packed;
            }
        }
        if (found == 0) return 0;
        int added = 0;
        for (int i = 0; i < text.Length;)
        {
            long b = best![i];
            if (b == 0) { i++; continue; }
            hits.Add((i, (int)(b & 0xFFFFFFFF)));
            added++;
            i += (int)(b >> 32);
        }
        System.Buffers.ArrayPool<long>.Shared.Return(best!);
        return added;
    }

    private int Step(int state, ushort sym)
    {
        while (state != 0)
        {
            int lo = _childStart[state], hi = lo + _childCount[state] - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                ushort m = _childSymbol[mid];
                if (m == sym) return _childState[mid];
                if (m < sym) lo = mid + 1; else hi = mid - 1;
            }
            state = _fail[state];
        }
        return _root[sym];
    }
}
