using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SnsDashboard.Core.Text;

/// <summary>
/// An Aho–Corasick automaton over UTF-16 characters, returning leftmost-longest, non-overlapping
/// matches (the same answer as probing every position for its longest phrase). One of the search
/// engines <see cref="PhraseIndex{T}"/> can use; benchmarked against the others in
/// bench/SnsDashboard.Benchmarks (GlossaryMatcherBenchmarks, glossary-throughput).
/// </summary>
/// <remarks>
/// <para>Compiled to a deterministic automaton (failure links resolved at build time), so each
/// character of the text costs one table step and never a failure walk:</para>
/// <list type="number">
/// <item>characters map to a compact alphabet (symbol 0 = in no phrase);</item>
/// <item>from any state, most symbols lead to where the root would go (a depth-1 state or the root
/// itself): that is one dense array indexed by symbol;</item>
/// <item>the other transitions — into states of depth ≥ 2, whether a trie edge or inherited
/// through the failure chain — are packed into one double array: state <c>s</c> owns slot
/// <c>base[s] + symbol</c> when that slot's check equals <c>s</c>. Packing shares the slots of
/// all states, so the table stays near the number of such transitions instead of
/// states × alphabet.</item>
/// </list>
/// <para>The sign bit of every transition target says "this state ends a phrase", so text that
/// matches nothing costs no output look-up. Immutable after construction and thread-safe.</para>
/// </remarks>
public sealed class AhoCorasickAutomaton
{
    private readonly ushort[] _symbolOf = new ushort[65536];
    private readonly int[] _root;        // symbol → target from the root (flagged base)
    private readonly Slot[] _slots;      // double array of the transitions into depth ≥ 2
    private readonly int[] _stateAt;     // base → state number (for the output tables)
    private readonly int[] _depth, _phraseAt, _outLink;

    /// <summary>A packed transition: owned by the state whose base is <see cref="Check"/>, leading to
    /// the state whose base is <see cref="Target"/> (sign bit set when that state ends a phrase).
    /// Free slots have Check = -1.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public int Check;
        public int Target;
    }

    private const int OutputFlag = int.MinValue;

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

        // The trie: one dictionary of (state, symbol) → child for all states, plus per-state child lists.
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
        var fail = new int[n];
        _outLink = new int[n];
        _depth = [.. depth];
        _phraseAt = [.. phraseAt];
        var rootTarget = new int[alphabet];
        foreach (var (sym, t) in kids[0]) rootTarget[sym] = t;

        // Breadth-first: failure links, output links, and for every state the full set of its
        // transitions that do not simply go where the root goes ("deep" transitions): its own trie
        // edges plus, for the other symbols, whatever its failure state does deeply.
        var deep = new (ushort Sym, int State)[n][];
        deep[0] = [];
        var order = new List<int>(n);
        var queue = new Queue<int>();
        _outLink[0] = -1;
        foreach (var (_, t) in kids[0]) { fail[t] = 0; _outLink[t] = -1; queue.Enqueue(t); }
        var merged = new List<(ushort Sym, int State)>();
        while (queue.Count > 0)
        {
            int s = queue.Dequeue();
            order.Add(s);
            var own = kids[s];
            own.Sort((a, b) => a.Sym.CompareTo(b.Sym));
            // deep(s) = own edges ∪ (deep(fail(s)) minus the symbols s has itself); both sorted.
            merged.Clear();
            var inherited = deep[fail[s]];
            int i = 0, j = 0;
            while (i < own.Count || j < inherited.Length)
            {
                if (j == inherited.Length || (i < own.Count && own[i].Sym <= inherited[j].Sym))
                {
                    if (j < inherited.Length && inherited[j].Sym == own[i].Sym) j++;
                    merged.Add(own[i++]);
                }
                else merged.Add(inherited[j++]);
            }
            deep[s] = [.. merged];
            foreach (var (sym, t) in own)
            {
                // fail(t) = δ(fail(s), sym): a deep transition of fail(s), else where the root goes.
                int target = Lookup(deep[fail[s]], sym) ?? rootTarget[sym];
                fail[t] = target == t ? 0 : target;
                _outLink[t] = _phraseAt[fail[t]] >= 0 ? fail[t] : _outLink[fail[t]];
                queue.Enqueue(t);
            }
        }

        // Pack the deep transitions into one double array, largest sets first (they are the hardest
        // to place). Every state gets a base of its own (the root 0), and the automaton names a state
        // by its base: a step is then one slot load and one compare, with no per-state table between.
        var packer = new SlotPacker(alphabet);
        var baseOf = new int[n];
        foreach (int s in order.Where(s => deep[s].Length > 0).OrderByDescending(s => deep[s].Length))
            baseOf[s] = packer.Place(deep[s].Select(d => d.Sym).ToArray());
        foreach (int s in order)
            if (deep[s].Length == 0) baseOf[s] = packer.ReserveBase();
        int slotCount = packer.EnsureRoomAfter(baseOf.Max()); // base + any symbol (0 included) stays inside

        var slots = new Slot[slotCount];
        slots.AsSpan().Fill(new Slot { Check = -1 });
        _stateAt = new int[baseOf.Max() + 1];
        for (int s = 0; s < n; s++) _stateAt[baseOf[s]] = s;
        int Flagged(int state) => state != 0 && (_phraseAt[state] >= 0 || _outLink[state] > 0) ? baseOf[state] | OutputFlag : baseOf[state];
        foreach (int s in order)
            foreach (var (sym, t) in deep[s])
                slots[baseOf[s] + sym] = new Slot { Check = baseOf[s], Target = Flagged(t) };
        _root = new int[alphabet];
        for (int sym = 0; sym < alphabet; sym++) _root[sym] = Flagged(rootTarget[sym]);
        _slots = slots;
        StateCount = n;
        SlotCount = _slots.Length;
    }

    /// <summary>
    /// First-fit placement of symbol sets into one array so that no two sets share a slot and no two
    /// share a base (the classic double-array construction). Free slots are kept in a linked list, so
    /// a search skips the filled part instead of rescanning it for every set.
    /// </summary>
    private sealed class SlotPacker(int alphabet)
    {
        private const int MaxTries = 3000; // free slots tried before placing a set past the end
        private int[] _owner = [], _nextFree = [], _prevFree = [];
        private bool[] _baseUsed = [];
        private int _size, _head = -1, _tail = -1, _lowestFreeBase = 1;

        /// <summary>Places a sorted, non-empty symbol set; returns its base (≥ 1).</summary>
        // Runs once per publish, so without this it would run as unoptimised tier-0 code: seconds under load.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Place(ushort[] symbols)
        {
            int first = symbols[0], tries = 0;
            for (int f = _head; f >= 0 && tries < MaxTries; f = _nextFree[f], tries++)
                if (TryTake(f - first, symbols)) return f - first;
            for (int b = Math.Max(_size - first, 1); ; b++) // crowded: past the end (or the list ran out)
                if (TryTake(b, symbols)) return b;
        }

        /// <summary>A base for a state with no slots: any base nobody else uses.</summary>
        public int ReserveBase()
        {
            while (true)
            {
                Grow(_lowestFreeBase + 1);
                if (!_baseUsed[_lowestFreeBase]) break;
                _lowestFreeBase++;
            }
            _baseUsed[_lowestFreeBase] = true;
            return _lowestFreeBase;
        }

        /// <summary>Grows the array so that <paramref name="maxBase"/> + any symbol fits; returns its size.</summary>
        public int EnsureRoomAfter(int maxBase)
        {
            Grow(maxBase + alphabet);
            return _size;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryTake(int b, ushort[] symbols)
        {
            if (b < 1) return false;
            Grow(b + alphabet);
            if (_baseUsed[b]) return false;
            foreach (int sym in symbols)
                if (_owner[b + sym] >= 0) return false;
            _baseUsed[b] = true;
            foreach (int sym in symbols) Take(b + sym, b);
            return true;
        }

        private void Take(int slot, int owner)
        {
            _owner[slot] = owner;
            int prev = _prevFree[slot], next = _nextFree[slot];
            if (prev >= 0) _nextFree[prev] = next; else _head = next;
            if (next >= 0) _prevFree[next] = prev; else _tail = prev;
        }

        private void Grow(int size)
        {
            if (size <= _size) return;
            if (size > _owner.Length)
            {
                int capacity = Math.Max(size, _owner.Length * 2);
                Array.Resize(ref _owner, capacity);
                Array.Resize(ref _nextFree, capacity);
                Array.Resize(ref _prevFree, capacity);
                Array.Resize(ref _baseUsed, capacity);
            }
            for (int i = _size; i < size; i++)
            {
                _owner[i] = -1;
                _nextFree[i] = -1;
                _prevFree[i] = _tail;
                if (_tail >= 0) _nextFree[_tail] = i; else _head = i;
                _tail = i;
            }
            _size = size;
        }
    }

    private static int? Lookup((ushort Sym, int State)[] set, ushort sym)
    {
        int lo = 0, hi = set.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (set[mid].Sym == sym) return set[mid].State;
            if (set[mid].Sym < sym) lo = mid + 1; else hi = mid - 1;
        }
        return null;
    }

    public int StateCount { get; }

    /// <summary>Size of the packed transition table (for the benchmark notes).</summary>
    public int SlotCount { get; }

    /// <summary>A phrase occurrence found during a scan, before the leftmost-longest choice.</summary>
    private struct Found
    {
        public int Start, Length, Phrase;
    }

    [ThreadStatic] private static Found[]? t_found;

    /// <summary>
    /// Leftmost-longest, non-overlapping matches: for each match, its start and the index of the
    /// phrase, in text order, appended to <paramref name="hits"/>. Returns the number appended.
    /// </summary>
    public int Scan(ReadOnlySpan<char> text, List<(int Start, int Phrase)> hits)
    {
        // Every occurrence is collected (few per post), then the leftmost-longest ones are kept: no
        // per-character array to clear and walk when a post contains a phrase or two.
        Found[]? found = null;
        int count = 0;
        int state = 0; // the current state's base
        ref ushort symbolOf = ref MemoryMarshal.GetArrayDataReference(_symbolOf);
        ref int root = ref MemoryMarshal.GetArrayDataReference(_root);
        ref Slot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        for (int j = 0; j < text.Length; j++)
        {
            // Safe without bounds checks: a char indexes the 65,536-entry symbol table; symbols are
            // < alphabet = _root.Length; every base + symbol < _slots.Length (built so).
            int sym = Unsafe.Add(ref symbolOf, text[j]);
            ref Slot slot = ref Unsafe.Add(ref slots, state + sym);
            int deepTarget = slot.Target, rootTarget = Unsafe.Add(ref root, sym);
            int target = slot.Check == state ? deepTarget : rootTarget;
            state = target & int.MaxValue;
            if (target >= 0) continue;
            found ??= t_found ??= new Found[16];
            int at = _stateAt[state];
            for (int s = _phraseAt[at] >= 0 ? at : _outLink[at]; s > 0; s = _outLink[s])
            {
                if (count == found.Length) t_found = found = [.. found, .. new Found[count]];
                int len = _depth[s];
                found[count++] = new Found { Start = j - len + 1, Length = len, Phrase = _phraseAt[s] };
            }
        }
        if (count == 0) return 0;
        // Leftmost first, and at one start the longest (one phrase per start and length).
        var all = found.AsSpan(0, count);
        all.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        int added = 0, next = 0;
        foreach (ref readonly var f in all)
        {
            if (f.Start < next) continue;
            hits.Add((f.Start, f.Phrase));
            added++;
            next = f.Start + f.Length;
        }
        return added;
    }
}
