using SnsDashboard.Core.Geo.Index;

namespace SnsDashboard.Core.Geo;

/// <summary>An immutable gazetteer snapshot: prefectures, counties, municipalities (with
/// designated-city wards), towns (大字・町丁目 and 小字), landmarks, and municipal boundaries when
/// loaded.</summary>
/// <remarks>Build one with <see cref="FromPlaces"/>, <see cref="DemoGazetteer.Create"/> or
/// <see cref="Import.GazetteerBuilder"/>; the name indexes are compiled once, on first use, and
/// shared by every thread.</remarks>
public sealed class Gazetteer
{
    private CompiledGazetteer? _compiled;

    public required string Version { get; init; }
    public IReadOnlyList<GazetteerPlace> Places { get; init; } = [];
    /// <summary>Municipal boundaries (N03), or empty when none were loaded.</summary>
    public IReadOnlyList<MunicipalityBoundary> Boundaries { get; init; } = [];
    /// <summary>Prefectures whose ambiguous names win when nothing else decides (the scenario's focus area).</summary>
    public IReadOnlySet<string> FocusPrefectures { get; init; } = new HashSet<string>();
    /// <summary>True for the built-in, approximate demo data.</summary>
    public bool IsDemo { get; init; }

    public static Gazetteer FromPlaces(string version, IEnumerable<GazetteerPlace> places,
        IReadOnlyList<MunicipalityBoundary>? boundaries = null, bool isDemo = false)
    {
        var g = new Gazetteer { Version = version, Places = places.ToArray(), Boundaries = boundaries ?? [], IsDemo = isDemo };
        _ = g.Compiled;
        return g;
    }

    /// <summary>The same data with another focus area (the index is shared, not rebuilt).</summary>
    public Gazetteer WithFocus(IEnumerable<string> prefectures) =>
        new() { Version = Version, Places = Places, Boundaries = Boundaries, IsDemo = IsDemo,
                FocusPrefectures = prefectures.ToHashSet(StringComparer.Ordinal), _compiled = Compiled };

    /// <summary>Profile locations already resolved against this gazetteer (and its focus area).</summary>
    internal ProfileLocationMemo ProfileLocations { get; } = new();

    /// <summary>The municipality (or ward) with this 6-digit code, or null.</summary>
    public GazetteerPlace? FindMunicipality(string lgCode) => Compiled.MunicipalityByCode.GetValueOrDefault(lgCode);

    /// <summary>The prefecture with this name, or null.</summary>
    public GazetteerPlace? FindPrefecture(string name) => Compiled.PrefectureByName.GetValueOrDefault(name);

    internal CompiledGazetteer Compiled
    {
        get
        {
            var c = Volatile.Read(ref _compiled);
            if (c is not null) return c;
            Interlocked.CompareExchange(ref _compiled, new CompiledGazetteer(this), null);
            return _compiled!;
        }
    }
}

public enum PlaceKind { Prefecture, County, Municipality, Town, Landmark }

/// <summary>
/// One named place. <see cref="LgCode"/> is the 6-digit local-government code (with check digit)
/// of the prefecture or municipality; towns and landmarks carry their municipality's code.
/// <see cref="City"/> is the municipality's name without the county (熊本市東区, 益城町);
/// <see cref="ParentCode"/> is the designated city of a ward, or the municipality of a town or landmark.
/// <see cref="Aliases"/> are curated short forms (益城 for 益城町) and historical names (浜松市中区):
/// weaker evidence than the full name. <see cref="Koaza"/> is set for a 小字・通称 row of a town.
/// </summary>
public sealed record GazetteerPlace
{
    public required PlaceKind Kind { get; init; }
    public required string Name { get; init; }
    public string? LgCode { get; init; }
    public required string Pref { get; init; }
    public string? County { get; init; }
    public string? City { get; init; }
    public string? Town { get; init; }
    public string? Koaza { get; init; }
    /// <summary>Reading in katakana, where the source gives one.</summary>
    public string? Reading { get; init; }
    /// <summary>station | shelter | facility for landmarks; null otherwise.</summary>
    public string? Category { get; init; }
    public double Lat { get; init; }
    public double Lon { get; init; }
    public string? ParentCode { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>The boundary of one municipality or ward: rings of [lon, lat] pairs (outer rings and
/// holes together, tested even-odd), with their bounding box.</summary>
public sealed record MunicipalityBoundary(string LgCode, IReadOnlyList<double[]> Rings)
{
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Box { get; } = BoxOf(Rings);

    public bool Contains(double lat, double lon)
    {
        var (minLon, minLat, maxLon, maxLat) = Box;
        if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) return false;
        bool inside = false;
        foreach (var ring in Rings)
        {
            int n = ring.Length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                double xi = ring[2 * i], yi = ring[2 * i + 1], xj = ring[2 * j], yj = ring[2 * j + 1];
                if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
            }
        }
        return inside;
    }

    private static (double, double, double, double) BoxOf(IReadOnlyList<double[]> rings)
    {
        double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
        foreach (var r in rings)
            for (int i = 0; i + 1 < r.Length; i += 2)
            {
                minLon = Math.Min(minLon, r[i]); maxLon = Math.Max(maxLon, r[i]);
                minLat = Math.Min(minLat, r[i + 1]); maxLat = Math.Max(maxLat, r[i + 1]);
            }
        return (minLon, minLat, maxLon, maxLat);
    }
}
