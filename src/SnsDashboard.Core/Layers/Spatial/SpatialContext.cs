namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>A hazard zone a point lies in: which layer, which kind of zone, and its attributes
/// (浸水ランク, 区域区分, 現象の種類 …).</summary>
public sealed record ZoneHit(long LayerId, string LayerTitle, string ZoneName, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>A shelter (or other social asset point) near a post.</summary>
public sealed record ShelterHit(long LayerId, string Name, string? Address, double DistanceMetres, double Lat, double Lon);

/// <summary>The spatial facts about one placed post.</summary>
public sealed record SpatialJoinResult(IReadOnlyList<ZoneHit> Zones, IReadOnlyList<ShelterHit> NearestShelters, string? Municipality)
{
    public static SpatialJoinResult Empty { get; } = new([], [], null);
}

/// <summary>A layer's features as the join needs them (built from the catalogue by the host).</summary>
public sealed record JoinLayer(long Id, string Title, string Theme, IReadOnlyList<LayerFeature> Features);

/// <summary>
/// An immutable snapshot of the static layers for spatial joins: hazard polygons, shelter points
/// and municipality boundaries, each behind a grid index. <see cref="Join"/> is a pure function
/// of the point and this snapshot (no I/O, no clock); the host swaps in a new snapshot when a
/// layer is imported, so the pipeline never waits on a lock.
/// </summary>
public sealed class SpatialContext
{
    private readonly record struct Polygon(int Owner, PreparedPolygon Shape);
    private readonly record struct Zone(long LayerId, string LayerTitle, string Name, IReadOnlyDictionary<string, string?> Attributes);
    private readonly record struct Shelter(long LayerId, string Name, string? Address, double Lon, double Lat);

    private readonly Zone[] _zones;
    private readonly Polygon[] _zonePolygons;
    private readonly GridIndex _zoneGrid;
    private readonly string[] _municipalities;
    private readonly Polygon[] _municipalityPolygons;
    private readonly GridIndex _municipalityGrid;
    private readonly Shelter[] _shelters;
    private readonly GridIndex _shelterGrid;

    public int ZoneCount => _zones.Length;
    public int ShelterCount => _shelters.Length;
    public int MunicipalityCount => _municipalities.Length;

    public static SpatialContext Empty { get; } = new([]);

    /// <summary>The layers have not been read yet (host starting): the stage then leaves posts
    /// unjoined (null) rather than storing "in no zone", and readers join them later.</summary>
    public static SpatialContext NotLoaded { get; } = new([]);

    public bool IsLoaded => !ReferenceEquals(this, NotLoaded);

    /// <summary>Hazard-theme polygons become zones, social-asset points become shelters,
    /// boundary polygons with municipality names become municipalities.</summary>
    public SpatialContext(IEnumerable<JoinLayer> layers, double zoneCellDegrees = 0.01, double shelterCellDegrees = 0.01)
    {
        var zones = new List<Zone>();
        var zonePolys = new List<Polygon>();
        var munis = new List<string>();
        var muniPolys = new List<Polygon>();
        var shelters = new List<Shelter>();
        foreach (var layer in layers)
            foreach (var f in layer.Features)
            {
                var g = f.Geometry;
                if (layer.Theme == LayerThemes.Hazard && g.Kind == GeometryKind.Polygon)
                {
                    zones.Add(new Zone(layer.Id, layer.Title, ZoneName(f.Properties, layer.Title), f.Properties));
                    foreach (var part in g.Parts) zonePolys.Add(new Polygon(zones.Count - 1, new PreparedPolygon(part)));
                }
                else if (layer.Theme == LayerThemes.Boundaries && g.Kind == GeometryKind.Polygon && MunicipalityName(f.Properties) is { } m)
                {
                    munis.Add(m);
                    foreach (var part in g.Parts) muniPolys.Add(new Polygon(munis.Count - 1, new PreparedPolygon(part)));
                }
                else if (layer.Theme == LayerThemes.SocialAssets && g.Kind == GeometryKind.Point)
                {
                    var p = f.Properties;
                    var name = p.GetValueOrDefault("施設・場所名") ?? p.GetValueOrDefault("name") ?? p.GetValueOrDefault("名称") ?? p.GetValueOrDefault("施設名") ?? layer.Title;
                    foreach (var part in g.Parts)
                        shelters.Add(new Shelter(layer.Id, name, p.GetValueOrDefault("住所"), part[0][0], part[0][1]));
                }
            }
        _zones = zones.ToArray();
        _zonePolygons = zonePolys.ToArray();
        _zoneGrid = new GridIndex(zoneCellDegrees, _zonePolygons.Select((p, i) => BoxOf(i, p.Shape)));
        _municipalities = munis.ToArray();
        _municipalityPolygons = muniPolys.ToArray();
        _municipalityGrid = new GridIndex(0.02, _municipalityPolygons.Select((p, i) => BoxOf(i, p.Shape)));
        _shelters = shelters.ToArray();
        _shelterGrid = new GridIndex(shelterCellDegrees, _shelters.Select((s, i) => (i, s.Lon, s.Lat, s.Lon, s.Lat)));
    }

    private static string ZoneName(IReadOnlyDictionary<string, string?> p, string layerTitle) =>
        p.GetValueOrDefault("区域種別") ?? p.GetValueOrDefault("区域名") ?? p.GetValueOrDefault("name") ?? layerTitle;

    private static string? MunicipalityName(IReadOnlyDictionary<string, string?> p)
    {
        var pref = p.GetValueOrDefault("N03_001");
        var city = p.GetValueOrDefault("N03_004") ?? p.GetValueOrDefault("N03_003");
        if (city is null) return pref;
        var county = p.GetValueOrDefault("N03_003");
        // Designated-city wards: "熊本市" + "中央区"; counties are left out of the short name.
        var prefix = county is not null && county.EndsWith('市') && county != city ? county : "";
        return pref + prefix + city;
    }

    private static (int, double, double, double, double) BoxOf(int id, PreparedPolygon p)
    {
        var (minLon, minLat, maxLon, maxLat) = p.Bounds;
        return (id, minLon, minLat, maxLon, maxLat);
    }

    /// <summary>Where the shelters with this exact name are (a name may repeat across layers).</summary>
    public IReadOnlyList<(double Lat, double Lon)> ShelterPoints(string name) =>
        _shelters.Where(s => s.Name == name).Select(s => (s.Lat, s.Lon)).ToList();

    /// <summary>Zones containing the point, up to <paramref name="shelterCount"/> nearest
    /// shelters within <paramref name="shelterRadiusMetres"/>, and the municipality.</summary>
    public SpatialJoinResult Join(double lat, double lon, int shelterCount = 3, double shelterRadiusMetres = 3000)
    {
        List<ZoneHit>? zones = null;
        List<int>? owners = null;
        foreach (var pi in _zoneGrid.At(lon, lat))
        {
            var poly = _zonePolygons[pi];
            // A zone made of many parts (PLATEAU mesh cells) is reported once.
            if (owners is not null && owners.Contains(poly.Owner)) continue;
            if (!poly.Shape.Contains(lon, lat)) continue;
            var z = _zones[poly.Owner];
            (zones ??= []).Add(new ZoneHit(z.LayerId, z.LayerTitle, z.Name, z.Attributes));
            (owners ??= []).Add(poly.Owner);
        }
        string? municipality = null;
        foreach (var pi in _municipalityGrid.At(lon, lat))
            if (_municipalityPolygons[pi].Shape.Contains(lon, lat)) { municipality = _municipalities[_municipalityPolygons[pi].Owner]; break; }
        var shelters = shelterCount > 0 && _shelters.Length > 0 ? NearestShelters(lat, lon, shelterCount, shelterRadiusMetres) : [];
        if (zones is null && municipality is null && shelters.Count == 0) return SpatialJoinResult.Empty;
        return new SpatialJoinResult((IReadOnlyList<ZoneHit>?)zones ?? [], shelters, municipality);
    }

    private List<ShelterHit> NearestShelters(double lat, double lon, int k, double radius)
    {
        var cell = _shelterGrid.CellDegrees;
        var mx = Geometry2D.MetresPerDegreeLon(lat);
        const double my = Geometry2D.MetresPerDegreeLat;
        int rx = (int)Math.Ceiling(radius / mx / cell), ry = (int)Math.Ceiling(radius / my / cell);
        int cx = _shelterGrid.Cell(lon), cy = _shelterGrid.Cell(lat);
        // Rank by the local flat-earth distance (within 0.1 % of great-circle at these radii);
        // the reported distance is the haversine one.
        var r2 = radius * radius * 1.002;
        var best = new List<(double D2, int I)>(k + 1);
        var ringStep = cell * Math.Min(mx, my);
        // Rings of cells outward from the post's cell; stop once the next ring cannot hold
        // anything nearer than the k-th best so far.
        for (var ring = 0; ring <= Math.Max(rx, ry); ring++)
        {
            if (best.Count == k && ring > 0)
            {
                var nearestPossible = (ring - 1) * ringStep;
                if (nearestPossible * nearestPossible > best[^1].D2) break;
            }
            for (var x = cx - Math.Min(ring, rx); x <= cx + Math.Min(ring, rx); x++)
                for (var y = cy - Math.Min(ring, ry); y <= cy + Math.Min(ring, ry); y++)
                {
                    if (Math.Max(Math.Abs(x - cx), Math.Abs(y - cy)) != ring) continue; // inner rings are done
                    foreach (var i in _shelterGrid.At(x, y))
                    {
                        var s = _shelters[i];
                        double dx = (s.Lon - lon) * mx, dy = (s.Lat - lat) * my, d2 = dx * dx + dy * dy;
                        if (d2 > r2 || (best.Count == k && d2 >= best[^1].D2)) continue;
                        var at = best.FindIndex(b => b.D2 > d2);
                        best.Insert(at < 0 ? best.Count : at, (d2, i));
                        if (best.Count > k) best.RemoveAt(k);
                    }
                }
        }
        var hits = new List<ShelterHit>(best.Count);
        foreach (var (_, i) in best)
        {
            var s = _shelters[i];
            var d = Geometry2D.HaversineMetres(lat, lon, s.Lat, s.Lon);
            if (d <= radius) hits.Add(new ShelterHit(s.LayerId, s.Name, s.Address, d, s.Lat, s.Lon));
        }
        return hits;
    }
}
