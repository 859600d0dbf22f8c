using System.Collections.Concurrent;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Geo;

/// <summary>
/// A bounded memo of profile texts (「熊本県益城町」) to the location they resolve to, shared by the
/// analysis threads. Nearly half of all posts carry a profile location and most are unrelated chatter
/// with nothing else to place them, so without it every such post normalised and resolved the same few
/// strings again (≈1 KB of garbage each). Results are immutable and depend only on the text and the
/// gazetteer that owns the memo, so a hit returns exactly what resolving would. Bounded: long texts are
/// not kept, and the memo starts over when full (a hostile stream of distinct profiles costs what it
/// cost before, no more memory).
/// </summary>
internal sealed class ProfileLocationMemo
{
    public const int Capacity = 8_192;
    public const int MaxKeyChars = 64;

    private readonly ConcurrentDictionary<string, PostLocation?> _byText = new(StringComparer.Ordinal);

    public int Count => _byText.Count;

    public PostLocation? GetOrAdd(string profile, Gazetteer gazetteer, Func<string, Gazetteer, PostLocation?> resolve)
    {
        if (profile.Length > MaxKeyChars) return resolve(profile, gazetteer);
        if (_byText.TryGetValue(profile, out var known)) return known;
        var location = resolve(profile, gazetteer);
        if (_byText.Count >= Capacity) _byText.Clear();
        _byText.TryAdd(profile, location);
        return location;
    }
}
