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

    public bool IsEmpty => ZoneLayerId is null && WithinMetresOfShelter is null;

    public bool Matches(SpatialJoinResult r)
    {
        if (ZoneLayerId is { } layer
            && !r.Zones.Any(z => z.LayerId == layer
                && (ZoneAttribute is null || z.Attributes.GetValueOrDefault(ZoneAttribute) == ZoneAttributeValue)))
            return false;
        if (WithinMetresOfShelter is { } metres
            && !r.NearestShelters.Any(s => s.DistanceMetres <= metres && (ShelterName is null || s.Name == ShelterName)))
            return false;
        return true;
    }
}
