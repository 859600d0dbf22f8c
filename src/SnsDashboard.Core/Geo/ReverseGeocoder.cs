namespace SnsDashboard.Core.Geo;

/// <summary>Reverse lookup for geotagged posts: the municipality whose boundary contains the point
/// (when boundaries are loaded) and the nearest town point (within 3 km, and inside that
/// municipality when it is known).</summary>
public static class ReverseGeocoder
{
    public sealed record Result(GazetteerPlace? Municipality, GazetteerPlace? NearestTown);

    private const double NearestTownKm = 3;

    public static Result? Lookup(Gazetteer gazetteer, double lat, double lon)
    {
        if (!GeoMath.InJapan(lat, lon)) return null;
        var g = gazetteer.Compiled;
        var muni = Containing(gazetteer.Boundaries, g.MunicipalityByCode, lat, lon);
        var town = g.Towns.Nearest(lat, lon, NearestTownKm,
            muni is null ? null : t => t.ParentCode == muni.LgCode || g.MunicipalityByCode.GetValueOrDefault(t.ParentCode ?? "")?.ParentCode == muni.LgCode);
        if (muni is null && town?.ParentCode is { } pc) muni = g.MunicipalityByCode.GetValueOrDefault(pc);
        return muni is null && town is null ? null : new Result(muni, town);
    }

    /// <summary>The municipality whose boundary contains the point, or null.</summary>
    internal static GazetteerPlace? Containing(IReadOnlyList<MunicipalityBoundary> boundaries, IReadOnlyDictionary<string, GazetteerPlace> byCode, double lat, double lon)
    {
        foreach (var b in boundaries)
            if (b.Contains(lat, lon) && byCode.TryGetValue(b.LgCode, out var m)) return m;
        return null;
    }
}
