using System.Buffers;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Reliability;

/// <summary>A fixed set of normalised marker phrases searched in one vectorised pass
/// (<see cref="SearchValues{T}"/>); reports which marker matched first, for the reasons.</summary>
internal sealed class MarkerSet
{
    private readonly string[] _markers;
    private readonly SearchValues<string> _search;

    public MarkerSet(params string[] markers)
    {
        _markers = markers.Select(TextNormaliser.NormaliseTerm).Where(m => m.Length > 0).Distinct().ToArray();
        _search = SearchValues.Create(_markers, StringComparison.Ordinal);
    }

    /// <summary>The marker found earliest in <paramref name="text"/> (longest at that position), or null.</summary>
    public string? Find(ReadOnlySpan<char> text)
    {
        int at = text.IndexOfAny(_search);
        if (at < 0) return null;
        var rest = text[at..];
        string? best = null;
        foreach (var m in _markers)
            if ((best is null || m.Length > best.Length) && rest.StartsWith(m, StringComparison.Ordinal)) best = m;
        return best;
    }

    public bool Contains(ReadOnlySpan<char> text) => text.IndexOfAny(_search) >= 0;
}
