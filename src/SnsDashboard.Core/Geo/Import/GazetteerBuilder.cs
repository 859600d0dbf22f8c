using System.Diagnostics;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// Builds a gazetteer from the official files named by <see cref="GazetteerSources"/> and validates
/// it. The result carries every issue (file and line); <see cref="Result.Gazetteer"/> is null when
/// the build is not complete (a master file missing or unusable, prefectures missing), so the
/// caller keeps the gazetteer it runs with.
/// </summary>
public static class GazetteerBuilder
{
    public sealed record Result(Gazetteer? Gazetteer, IReadOnlyList<ImportIssue> Issues, int IssueCount, string Summary);

    /// <summary>ABR lists about 1,900 municipalities (with wards); far fewer means a truncated master.</summary>
    public const int ExpectedMunicipalities = 1_700;

    public static Result Build(GazetteerSources sources, int minMunicipalities = ExpectedMunicipalities)
    {
        var log = new ImportLog();
        var sw = Stopwatch.StartNew();
        if (!sources.IsConfigured) return Fail(log, sources.AbrDir ?? "Gazetteer:AbrDir", "no ABR folder configured");
        if (!Directory.Exists(sources.AbrDir)) return Fail(log, sources.AbrDir!, "ABR folder not found");

        var phases = new List<string>();
        void Phase(string name) { phases.Add($"{name} {sw.ElapsedMilliseconds} ms"); }
        var abr = AbrImporter.Import(sources.AbrDir!, log);
        Phase("abr");
        var historical = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var towns = sources.TownsDir is { } td ? TownImporter.Import(td, abr, log, historical) : [];
        var places = abr.Select(p => p.LgCode is { } c && historical.TryGetValue(c, out var names) ? p with { Aliases = [.. p.Aliases, .. names] } : p).ToList();
        Phase("towns");
        var boundaries = sources.BoundariesFile is { } bf ? BoundaryImporter.Import(bf, places, log) : [];
        Phase("boundaries");

        // Municipality of a point for landmarks: boundaries first, then the nearest town.
        var byCode = places.Where(p => p.Kind == PlaceKind.Municipality).ToDictionary(p => p.LgCode!, StringComparer.Ordinal);
        var townGrid = new Index.NearestTownGrid(towns.Where(t => t.Koaza is null));
        GazetteerPlace? MunicipalityAt(double lat, double lon) =>
            ReverseGeocoder.Containing(boundaries, byCode, lat, lon)
            ?? (townGrid.Nearest(lat, lon, 3)?.ParentCode is { } code ? byCode.GetValueOrDefault(code) : null);
        var landmarks = new List<GazetteerPlace>();
        if (sources.StationsFile is { } sf) landmarks.AddRange(LandmarkImporter.ImportStations(sf, MunicipalityAt, log));
        int unavailable = 0;
        if (sources.SheltersDir is { } sd)
        {
            landmarks.AddRange(LandmarkImporter.ImportShelters(sd, byCode, MunicipalityAt, log, out unavailable));
        }

        Phase("landmarks");
        int prefs = places.Count(p => p.Kind == PlaceKind.Prefecture), munis = places.Count(p => p.Kind == PlaceKind.Municipality);
        if (prefs != 47) log.Add(Path.Combine(sources.AbrDir!, "mt_pref_all.csv"), 0, $"{prefs} prefectures loaded, 47 expected", fatal: true);
        if (munis < minMunicipalities) log.Add(Path.Combine(sources.AbrDir!, "mt_city_all.csv"), 0, $"{munis} municipalities loaded, at least {minMunicipalities} expected (truncated master?)", fatal: true);
        if (sources.TownsDir is not null && towns.Count == 0) log.Add(sources.TownsDir, 0, "no towns loaded", fatal: true);

        string version = $"abr+{towns.Count}towns+{landmarks.Count}landmarks+{boundaries.Count}boundaries";
        string summary = $"{prefs} prefectures, {munis} municipalities, {towns.Count(t => t.Koaza is null)} towns, {towns.Count(t => t.Koaza is not null)} 小字, "
            + $"{landmarks.Count(l => l.Category == "station")} stations, {landmarks.Count(l => l.Category == "shelter")} shelters ({unavailable} unavailable stubs), "
            + $"{boundaries.Count} boundaries; {log.Count} issue(s); {sw.ElapsedMilliseconds} ms";
        if (log.HasFatal) return new Result(null, log.Issues, log.Count, "REJECTED: " + summary);
        var gazetteer = Gazetteer.FromPlaces(version, places.Concat(towns).Concat(landmarks), boundaries);
        Phase("index");
        return new Result(gazetteer, log.Issues, log.Count, summary + " (" + string.Join(", ", phases) + ")");
    }

    private static Result Fail(ImportLog log, string file, string message)
    {
        log.Add(file, 0, message, fatal: true);
        return new Result(null, log.Issues, log.Count, "REJECTED: " + message);
    }
}
