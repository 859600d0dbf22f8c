using System.Text.RegularExpressions;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Geo.Index;

internal enum NameRole { Full, Alias, WardShort }

internal sealed record PlaceName(GazetteerPlace Place, NameRole Role);

/// <summary>A town key inside one municipality: the town itself and, for a 丁目 series
/// (出水一丁目, 出水二丁目 …), its numbered parts under the base name (出水).</summary>
internal sealed class TownName(GazetteerPlace town)
{
    public GazetteerPlace Town { get; set; } = town;
    public Dictionary<int, GazetteerPlace>? Chome { get; set; }
    /// <summary>A name prefix shared by several towns (秋津町 of 秋津町秋田 and 秋津町沼山津, 杷木 of
    /// 杷木志波 …: former villages): used in addresses only, never alone.</summary>
    public bool IsArea { get; init; }
}

/// <summary>The towns of one municipality (or ward), with their 小字 rows.</summary>
internal sealed class TownIndex(PlaceNameIndex<TownName> names, PlaceNameIndex<GazetteerPlace>? koaza)
{
    public PlaceNameIndex<TownName> Names { get; } = names;
    public PlaceNameIndex<GazetteerPlace>? Koaza { get; } = koaza;
}

/// <summary>
/// The search structures of one gazetteer: one nationwide index of prefectures, counties,
/// municipalities and landmarks, and one town index per municipality (towns are only looked for
/// where their municipality or prefecture is mentioned, which is what keeps the scan cheap and the
/// 277k town names from matching ordinary words).
/// </summary>
internal sealed partial class CompiledGazetteer
{
    public PlaceNameIndex<PlaceName> Index { get; }
    public Dictionary<string, GazetteerPlace> MunicipalityByCode { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, GazetteerPlace> PrefectureByName { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<GazetteerPlace>> MunicipalitiesByPref { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TownIndex> TownsByMunicipality { get; } = new(StringComparer.Ordinal);
    /// <summary>Ward codes of each designated city.</summary>
    public Dictionary<string, List<string>> WardsByCity { get; } = new(StringComparer.Ordinal);
    /// <summary>Normalised names that are also a municipality or prefecture stem (大津 → 大津市, 大津町).</summary>
    public HashSet<string> StemNames { get; } = new(StringComparer.Ordinal);
    public NearestTownGrid Towns { get; }
    /// <summary>First character pairs of all town names nationwide (≥ 2 characters): positions in a
    /// text where no town name can start are skipped once, before any municipality's index is probed.</summary>
    public PairSet TownStartPairs { get; } = new();

    public CompiledGazetteer(Gazetteer g)
    {
        var items = new List<(string, PlaceName)>();
        var towns = new Dictionary<string, List<GazetteerPlace>>(StringComparer.Ordinal);
        var koaza = new Dictionary<string, List<GazetteerPlace>>(StringComparer.Ordinal);
        foreach (var p in g.Places)
            if (p.Kind == PlaceKind.Municipality && p.LgCode is not null) MunicipalityByCode[p.LgCode] = p;
        foreach (var p in g.Places)
        {
            switch (p.Kind)
            {
                case PlaceKind.Prefecture:
                    PrefectureByName[p.Name] = p;
                    StemNames.Add(Key(Stem(p.Name)));
                    break;
                case PlaceKind.Municipality:
                    StemNames.Add(Key(Stem(p.Name)));
                    if (!MunicipalitiesByPref.TryGetValue(p.Pref, out var list)) MunicipalitiesByPref[p.Pref] = list = [];
                    list.Add(p);
                    if (p.ParentCode is not null && p.LgCode is not null)
                    {
                        if (!WardsByCity.TryGetValue(p.ParentCode, out var wards)) WardsByCity[p.ParentCode] = wards = [];
                        wards.Add(p.LgCode);
                    }
                    if (p.ParentCode is not null && MunicipalityByCode.GetValueOrDefault(p.ParentCode)?.Name is { Length: > 0 } parentName
                        && p.Name.StartsWith(parentName, StringComparison.Ordinal) && p.Name.Length > parentName.Length)
                        items.Add((Key(p.Name[parentName.Length..]), new PlaceName(p, NameRole.WardShort)));
                    break;
                case PlaceKind.Town:
                    var into = p.Koaza is null ? towns : koaza;
                    string code = p.ParentCode ?? p.LgCode ?? "";
                    if (!into.TryGetValue(code, out var tl)) into[code] = tl = [];
                    tl.Add(p);
                    continue;
            }
            items.Add((Key(p.Name), new PlaceName(p, NameRole.Full)));
            foreach (var a in p.Aliases) items.Add((Key(a), new PlaceName(p, NameRole.Alias)));
        }
        Index = new PlaceNameIndex<PlaceName>(items);
        foreach (var (code, list) in towns)
            TownsByMunicipality[code] = new TownIndex(BuildTownNames(list),
                koaza.TryGetValue(code, out var k) ? new PlaceNameIndex<GazetteerPlace>(k.Select(x => (Key(x.Koaza!), x)), 1 << 12) : null);
        Towns = new NearestTownGrid(towns.Values.SelectMany(t => t));
        foreach (var idx in TownsByMunicipality.Values)
            foreach (var pair in idx.Names.Pairs) TownStartPairs.Add(pair);
    }

    private static PlaceNameIndex<TownName> BuildTownNames(List<GazetteerPlace> towns)
    {
        var byKey = new Dictionary<string, TownName>(StringComparer.Ordinal);
        var chomeParts = new Dictionary<string, List<(int, GazetteerPlace)>>(StringComparer.Ordinal);
        foreach (var t in towns)
        {
            string name = StripAza(t.Name);
            var m = ChomeName().Match(name);
            if (m.Success && AddressNumbers.ParseKanji(m.Groups[2].Value) is int n and > 0)
            {
                string baseKey = Key(m.Groups[1].Value);
                if (!chomeParts.TryGetValue(baseKey, out var parts)) chomeParts[baseKey] = parts = [];
                parts.Add((n, t));
            }
            foreach (var variant in Variants(name))
                byKey.TryAdd(Key(variant), new TownName(t));
        }
        foreach (var (baseKey, parts) in chomeParts)
        {
            if (!byKey.TryGetValue(baseKey, out var tn))
            {
                // No town of the bare name: the area of its 丁目 (centre of their points).
                var first = parts[0].Item2;
                string baseName = ChomeName().Match(StripAza(first.Name)).Groups[1].Value;
                tn = new TownName(first with { Name = baseName, Town = baseName, Lat = parts.Average(p => p.Item2.Lat), Lon = parts.Average(p => p.Item2.Lon) });
                byKey[baseKey] = tn;
            }
            tn.Chome = parts.GroupBy(p => p.Item1).ToDictionary(x => x.Key, x => x.First().Item2);
        }
        AddAreas(towns, byKey);
        return new PlaceNameIndex<TownName>(byKey.Select(kv => (kv.Key, kv.Value)), 1 << 14);
    }

    /// <summary>Prefixes shared by several towns and not a town themselves: ending in 町/村 and shared
    /// by two towns, or shared by three (杷木 of 杷木志波, 杷木松末, 杷木林田 …).</summary>
    private static void AddAreas(List<GazetteerPlace> towns, Dictionary<string, TownName> byKey)
    {
        var members = new Dictionary<string, List<GazetteerPlace>>(StringComparer.Ordinal);
        foreach (var t in towns)
        {
            string name = StripAza(t.Name);
            for (int cut = 2; cut <= name.Length - 2; cut++)
            {
                // Former village names: up to three characters, or ending in 町/村.
                if (cut > 3 && name[cut - 1] is not ('町' or '村')) continue;
                string prefix = name[..cut];
                if (!members.TryGetValue(prefix, out var list)) members[prefix] = list = [];
                if (list.Count == 0 || list[^1] != t) list.Add(t);
            }
        }
        foreach (var (prefix, list) in members)
        {
            int distinct = list.Select(x => x.Name).Distinct().Count();
            if (distinct < (prefix[^1] is '町' or '村' ? 2 : 3)) continue;
            string key = Key(prefix);
            if (byKey.ContainsKey(key)) continue;
            var first = list[0];
            byKey[key] = new TownName(first with { Name = prefix, Town = prefix, Lat = list.Average(x => x.Lat), Lon = list.Average(x => x.Lon) }) { IsArea = true };
        }
    }

    /// <summary>Spellings under which a town is found: 大字/字 prefixes dropped, and for names with
    /// an inner 大字 (春竹町大字春竹) also the name without it.</summary>
    private static IEnumerable<string> Variants(string name)
    {
        yield return name;
        int inner = name.IndexOf("大字", StringComparison.Ordinal);
        if (inner > 0) yield return name.Remove(inner, 2);
    }

    internal static string StripAza(string name) =>
        name.StartsWith("大字", StringComparison.Ordinal) && name.Length > 2 ? name[2..]
        : name.StartsWith('字') && name.Length > 1 ? name[1..] : name;

    internal static string Key(string name)
    {
        // Fast path for the common all-kanji/hiragana name, which normalisation leaves unchanged.
        foreach (char c in name)
            if (c is not (>= '\u4E00' and <= '\u9FFF' or >= '\u3041' and <= '\u3096' or '々'))
                return PlaceChars.Fold(TextNormaliser.NormaliseTerm(name));
        return PlaceChars.Fold(name);
    }

    private static string Stem(string name) =>
        name.Length > 2 && name[^1] is '県' or '府' or '都' or '市' or '町' or '村' or '区' ? name[..^1] : name;

    [GeneratedRegex("^(.*[^一二三四五六七八九十])([一二三四五六七八九十]+)丁目$")]
    private static partial Regex ChomeName();
}
