using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Geo;

/// <summary>An immutable gazetteer snapshot: prefectures, municipalities, towns, landmarks.</summary>
/// <remarks>Build one with <see cref="FromPlaces"/> or <see cref="DemoGazetteer.Create"/>; the name
/// index is compiled once, on first use, and shared by every thread.</remarks>
public sealed class Gazetteer
{
    private CompiledGazetteer? _compiled;

    public required string Version { get; init; }
    public IReadOnlyList<GazetteerPlace> Places { get; init; } = [];

    public static Gazetteer FromPlaces(string version, IEnumerable<GazetteerPlace> places)
    {
        var g = new Gazetteer { Version = version, Places = places.ToArray() };
        _ = g.Compiled;
        return g;
    }

    /// <summary>The municipality (or ward) with this 6-digit code, or null.</summary>
    public GazetteerPlace? FindMunicipality(string lgCode) => Compiled.MunicipalityByCode.GetValueOrDefault(lgCode);

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
/// <see cref="Aliases"/> are curated short forms (益城 for 益城町): weaker evidence than the full name.
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
    public double Lat { get; init; }
    public double Lon { get; init; }
    public string? ParentCode { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

internal enum NameRole { Full, Alias, WardShort }

internal sealed record PlaceName(GazetteerPlace Place, NameRole Role);

internal sealed class CompiledGazetteer
{
    public PhraseIndex<PlaceName> Index { get; }
    public Dictionary<string, GazetteerPlace> MunicipalityByCode { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, GazetteerPlace> PrefectureByName { get; } = new(StringComparer.Ordinal);
    /// <summary>Normalised names that are also a municipality or prefecture alias or stem (大津 → 大津市, 大津町).</summary>
    public HashSet<string> StemNames { get; } = new(StringComparer.Ordinal);

    public CompiledGazetteer(Gazetteer g)
    {
        var items = new List<(string, PlaceName)>();
        foreach (var p in g.Places)
            if (p.Kind == PlaceKind.Municipality && p.LgCode is not null) MunicipalityByCode[p.LgCode] = p;
        foreach (var p in g.Places)
        {
            items.Add((TextNormaliser.NormaliseTerm(p.Name), new PlaceName(p, NameRole.Full)));
            foreach (var a in p.Aliases) items.Add((TextNormaliser.NormaliseTerm(a), new PlaceName(p, NameRole.Alias)));
            switch (p.Kind)
            {
                case PlaceKind.Prefecture:
                    PrefectureByName[p.Name] = p;
                    StemNames.Add(TextNormaliser.NormaliseTerm(Stem(p.Name)));
                    break;
                case PlaceKind.Municipality:
                    StemNames.Add(TextNormaliser.NormaliseTerm(Stem(p.Name)));
                    if (p.ParentCode is not null)
                    {
                        string parentName = MunicipalityByCode.GetValueOrDefault(p.ParentCode)?.Name ?? "";
                        if (parentName.Length > 0 && p.Name.StartsWith(parentName, StringComparison.Ordinal) && p.Name.Length > parentName.Length)
                            items.Add((TextNormaliser.NormaliseTerm(p.Name[parentName.Length..]), new PlaceName(p, NameRole.WardShort)));
                    }
                    break;
                case PlaceKind.Town:
                    items.Add((TextNormaliser.NormaliseTerm("大字" + p.Name), new PlaceName(p, NameRole.Full)));
                    break;
            }
        }
        Index = new PhraseIndex<PlaceName>(items);
    }

    private static string Stem(string name) =>
        name.Length > 2 && name[^1] is '県' or '府' or '都' or '市' or '町' or '村' or '区' ? name[..^1] : name;
}
