using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Tests.Layers;

public sealed class SpatialJoinTests
{
    private static JoinLayer Load(long id, string relative)
    {
        var path = LayerFiles.Shared(relative);
        using var s = File.OpenRead(path);
        var layer = LayerImporter.Import(path, s, new(), new LayerImportLimits());
        return new JoinLayer(id, layer.Provenance.Title, layer.Provenance.Theme, layer.Features);
    }

    private static readonly Dictionary<string, string?> NoProps = [];

    private static LayerFeature Square(double lon0, double lat0, double size, params double[][] holes) =>
        new(new LayerGeometry(GeometryKind.Polygon,
            [[[lon0, lat0, lon0 + size, lat0, lon0 + size, lat0 + size, lon0, lat0 + size, lon0, lat0], .. holes]]),
            new Dictionary<string, string?> { ["区域区分"] = "2" });

    [Fact]
    public void Point_in_polygon_respects_holes_and_edges()
    {
        var hole = new[] { 130.4, 32.4, 130.6, 32.4, 130.6, 32.6, 130.4, 32.6, 130.4, 32.4 };
        var ctx = new SpatialContext([new JoinLayer(7, "zones", LayerThemes.Hazard, [Square(130, 32, 1, hole)])]);
        Assert.Single(ctx.Join(32.2, 130.2).Zones);
        Assert.Empty(ctx.Join(32.5, 130.5).Zones);   // in the hole
        Assert.Empty(ctx.Join(33.5, 130.2).Zones);   // outside
        var hit = ctx.Join(32.9, 130.9).Zones.Single();
        Assert.Equal(7, hit.LayerId);
        Assert.Equal("2", hit.Attributes["区域区分"]);
    }

    [Fact]
    public void Layers_of_other_themes_are_not_zones()
    {
        var ctx = new SpatialContext([new JoinLayer(1, "damage", LayerThemes.Damage, [Square(130, 32, 1)])]);
        Assert.Same(SpatialJoinResult.Empty, ctx.Join(32.5, 130.5));
    }

    [Fact]
    public void Real_plateau_landslide_zone_is_found_with_its_attributes()
    {
        var layer = Load(3, LayerFiles.NumazuLandslide);
        var ctx = new SpatialContext([layer]);
        Assert.Equal(234, ctx.ZoneCount);
        // Find a point strictly inside the first zone by scanning its bounding box.
        var zone = layer.Features[0];
        var (minLon, minLat, maxLon, maxLat) = zone.Geometry.Bounds();
        (double Lat, double Lon)? inside = null;
        for (var i = 1; i < 50 && inside is null; i++)
            for (var j = 1; j < 50 && inside is null; j++)
            {
                double lon = minLon + (maxLon - minLon) * i / 50, lat = minLat + (maxLat - minLat) * j / 50;
                if (Geometry2D.PolygonContains(zone.Geometry.Parts[0], lon, lat)) inside = (lat, lon);
            }
        Assert.NotNull(inside);
        var hits = ctx.Join(inside.Value.Lat, inside.Value.Lon).Zones;
        var hit = Assert.Single(hits, h => ReferenceEquals(h.Attributes, zone.Properties));
        Assert.Equal("土砂災害警戒区域", hit.ZoneName);
        Assert.Equal(zone.Properties["区域区分"], hit.Attributes["区域区分"]);
        // Kumamoto is far from Numazu.
        Assert.Empty(ctx.Join(32.8031, 130.7079).Zones);
    }

    [Fact]
    public void Municipality_and_nearest_shelters_from_real_kumamoto_layers()
    {
        var munis = Load(1, LayerFiles.KumamotoMunicipalities);
        var shelters = Load(2, LayerFiles.KumamotoShelters);
        var ctx = new SpatialContext([munis, shelters]);
        // Kumamoto city hall (熊本市中央区手取本町).
        var r = ctx.Join(32.8031, 130.7079, shelterCount: 3, shelterRadiusMetres: 2000);
        Assert.Equal("熊本県熊本市中央区", r.Municipality);
        Assert.Equal(3, r.NearestShelters.Count);
        Assert.True(r.NearestShelters.Zip(r.NearestShelters.Skip(1)).All(p => p.First.DistanceMetres <= p.Second.DistanceMetres));
        Assert.All(r.NearestShelters, s => Assert.InRange(s.DistanceMetres, 0, 2000));
        // The nearest shelter really is the nearest: compare with a brute-force scan.
        var brute = shelters.Features.Min(f => Geometry2D.HaversineMetres(32.8031, 130.7079, f.Geometry.Parts[0][0][1], f.Geometry.Parts[0][0][0]));
        Assert.Equal(brute, r.NearestShelters[0].DistanceMetres, 3);
        // A shelter's own position is 0 m from it.
        var first = shelters.Features[0];
        var self = ctx.Join(first.Geometry.Parts[0][0][1], first.Geometry.Parts[0][0][0], 1).NearestShelters.Single();
        Assert.Equal(0, self.DistanceMetres, 3);
    }

    [Fact]
    public void Haversine_matches_a_known_distance()
    {
        // Kumamoto city hall to Mashiki town hall: about 10.2 km.
        Assert.InRange(Geometry2D.HaversineMetres(32.8031, 130.7079, 32.7915, 130.8155), 10_000, 10_300);
    }

    [Fact]
    public void Spatial_filter_by_zone_attribute_and_shelter_distance()
    {
        var zone = new ZoneHit(5, "土砂", "土砂災害警戒区域", new Dictionary<string, string?> { ["区域区分"] = "2" });
        var near = new ShelterHit(9, "A小学校", null, 420, 0, 0);
        var r = new SpatialJoinResult([zone], [near], "熊本県熊本市中央区");
        Assert.True(new SpatialFilter { ZoneLayerId = 5 }.Matches(r));
        Assert.True(new SpatialFilter { ZoneLayerId = 5, ZoneAttribute = "区域区分", ZoneAttributeValue = "2" }.Matches(r));
        Assert.False(new SpatialFilter { ZoneLayerId = 5, ZoneAttribute = "区域区分", ZoneAttributeValue = "1" }.Matches(r));
        Assert.False(new SpatialFilter { ZoneLayerId = 6 }.Matches(r));
        Assert.True(new SpatialFilter { WithinMetresOfShelter = 500 }.Matches(r));
        Assert.False(new SpatialFilter { WithinMetresOfShelter = 400 }.Matches(r));
        Assert.True(new SpatialFilter { WithinMetresOfShelter = 500, ShelterName = "A小学校" }.Matches(r));
        Assert.False(new SpatialFilter { WithinMetresOfShelter = 500, ShelterName = "B公園" }.Matches(r));
        Assert.False(new SpatialFilter { ZoneLayerId = 5 }.Matches(SpatialJoinResult.Empty));
        Assert.True(new SpatialFilter().Matches(SpatialJoinResult.Empty));
    }

    [Fact]
    public void Banded_polygon_test_agrees_with_plain_ray_casting_on_real_boundaries()
    {
        var munis = Load(1, LayerFiles.KumamotoMunicipalities);
        var rng = new Random(7);
        var checkedInside = 0;
        foreach (var f in munis.Features.Take(20))
            foreach (var part in f.Geometry.Parts)
            {
                var prepared = new PreparedPolygon(part);
                var (minLon, minLat, maxLon, maxLat) = prepared.Bounds;
                for (var i = 0; i < 200; i++)
                {
                    double lon = minLon + rng.NextDouble() * (maxLon - minLon), lat = minLat + rng.NextDouble() * (maxLat - minLat);
                    var expected = Geometry2D.PolygonContains(part, lon, lat);
                    Assert.Equal(expected, prepared.Contains(lon, lat));
                    if (expected) checkedInside++;
                }
            }
        Assert.True(checkedInside > 500, $"only {checkedInside} inside samples");
    }
}
