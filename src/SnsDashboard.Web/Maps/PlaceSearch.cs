using SnsDashboard.Core.Geo;

namespace SnsDashboard.Web.Maps;

/// <summary>Place-name search over the gazetteer for the map's search box: exact names first,
/// then prefixes, then substrings; larger places before smaller ones.</summary>
public static class PlaceSearch
{
    public sealed record Hit(string Label, double Lat, double Lon, int Zoom);

    public static IReadOnlyList<Hit> Find(IEnumerable<GazetteerPlace> places, string? query, int limit = 8)
    {
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q)) return [];
        return places
            .Select(p => (p, rank: Rank(p, q)))
            .Where(x => x.rank < 3)
            .OrderBy(x => x.rank).ThenBy(x => x.p.Kind).ThenBy(x => x.p.Name.Length)
            .Take(limit)
            .Select(x => new Hit(Label(x.p), x.p.Lat, x.p.Lon, x.p.Kind switch
            {
                PlaceKind.Prefecture => 9, PlaceKind.County => 11, PlaceKind.Municipality => 12, _ => 15,
            }))
            .ToList();
    }

    private static int Rank(GazetteerPlace p, string q)
    {
        int best = 3;
        foreach (var name in p.Aliases.Prepend(p.Name))
        {
            if (name == q) return 0;
            if (name.StartsWith(q, StringComparison.Ordinal)) best = Math.Min(best, 1);
            else if (name.Contains(q, StringComparison.Ordinal)) best = Math.Min(best, 2);
        }
        return best;
    }

    private static string Label(GazetteerPlace p) => p.Kind switch
    {
        PlaceKind.Prefecture => p.Name,
        _ => string.Join(" ", new[] { p.Pref, p.City, p.Town ?? (p.Kind == PlaceKind.Landmark ? p.Name : null) }
            .Where(s => !string.IsNullOrEmpty(s)).Distinct()),
    };
}
