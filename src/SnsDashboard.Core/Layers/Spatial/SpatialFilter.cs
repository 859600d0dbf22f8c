using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>
/// A map/feed filter on spatial-join results: "inside a zone of layer L (optionally with an
/// attribute value, e.g. 区域区分=2)" and/or "within N metres of a shelter (optionally a named
/// one)". Null parts match everything.
/// </summary>
public sealed record SpatialFilter
{
    public long? ZoneLayerId { get; init; }
    public string? ZoneAttribute { get; init; }
    public string? ZoneAttributeValue { get; init; }
    public double? WithinMetresOfShelter { get; init; }
    public string? ShelterName { get; init; }

    /// <summary>Where the shelters named <see cref="ShelterName"/> are (resolved against the
    /// current layers when the filter is set), so "within N m of shelter X" does not depend on
    /// X being among the few nearest shelters stored with each post.</summary>
    public IReadOnlyList<(double Lat, double Lon)> NamedShelterPoints { get; init; } = [];

    public bool IsEmpty => ZoneLayerId is null && WithinMetresOfShelter is null;

    public bool Matches(SpatialJoinResult r) => MatchesZone(r) && MatchesNearestShelters(r);

    /// <summary>Matches a post on the joins stored in its analysis record. A post without a
    /// stored join (not placed) never matches a non-empty filter.</summary>
    public bool Matches(PostAnalysis a)
    {
        if (IsEmpty) return true;
        if (a.Location is not { } loc || a.Spatial is not { } joined || !MatchesZone(joined)) return false;
        if (WithinMetresOfShelter is { } metres && ShelterName is not null && NamedShelterPoints.Count > 0)
            return SpatialJoinStage.JoinsZonesAndShelters(loc)
                && NamedShelterPoints.Any(p => Geometry2D.HaversineMetres(loc.Lat, loc.Lon, p.Lat, p.Lon) <= metres);
        return MatchesNearestShelters(joined);
    }

    private bool MatchesZone(SpatialJoinResult r) =>
        ZoneLayerId is not { } layer
        || r.Zones.Any(z => z.LayerId == layer
            && (ZoneAttribute is null || z.Attributes.GetValueOrDefault(ZoneAttribute) == ZoneAttributeValue));

    private bool MatchesNearestShelters(SpatialJoinResult r) =>
        WithinMetresOfShelter is not { } metres
        || r.NearestShelters.Any(s => s.DistanceMetres <= metres && (ShelterName is null || s.Name == ShelterName));
}
