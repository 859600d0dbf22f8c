namespace SnsDashboard.Core.Geo.Index;

/// <summary>A set of character pairs as a bit table (no false negatives, few false positives): one
/// probe per text position instead of a dictionary look-up. 512 KB.</summary>
internal sealed class PairSet
{
    private const int Bits = 1 << 22;
    private readonly ulong[] _bits = new ulong[Bits / 64];

    public void Add(uint pair)
    {
        int h = Slot(pair);
        _bits[h >> 6] |= 1UL << (h & 63);
    }

    public bool MayContain(uint pair)
    {
        int h = Slot(pair);
        return (_bits[h >> 6] & (1UL << (h & 63))) != 0;
    }

    private static int Slot(uint pair) => (int)((pair * 2654435761u) >> 10);
}
