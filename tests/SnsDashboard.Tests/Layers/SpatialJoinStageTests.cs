using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Layers;

/// <summary>The spatial-join stage: computed in the pipeline against the current layer snapshot,
/// stored in the analysis record, and what filters decide on.</summary>
public sealed class SpatialJoinStageTests
{
    private static LayerFeature Box(double lon0, double lat0, double size, Dictionary<string, string?> props) =>
        new(new LayerGeometry(GeometryKind.Polygon,
            [[[lon0, lat0, lon0 + size, lat0, lon0 + size, lat0 + size, lon0, lat0 + size, lon0, lat0]]]), props);

    private static LayerFeature Point(double lon, double lat, string name) =>
        new(new LayerGeometry(GeometryKind.Point, [[[lon, lat]]]), new Dictionary<string, string?> { ["施設・場所名"] = name });

    // A landslide zone around (32.80, 130.80), a municipality covering it, and four shelters east
    // of it at roughly 100, 200, 300 and 900 m.
    private static SpatialContext Layers(string zoneName = "土砂災害警戒区域") => new(
    [
        new JoinLayer(11, "土砂災害警戒区域（テスト）", LayerThemes.Hazard,
            [Box(130.79, 32.79, 0.02, new() { ["区域種別"] = zoneName, ["区域区分"] = "2" })]),
        new JoinLayer(12, "行政区域（テスト）", LayerThemes.Boundaries,
            [Box(130.5, 32.5, 0.6, new() { ["N03_001"] = "熊本県", ["N03_004"] = "益城町" })]),
        new JoinLayer(13, "避難所（テスト）", LayerThemes.SocialAssets,
            [Point(130.801, 32.80, "第一避難所"), Point(130.802, 32.80, "第二避難所"), Point(130.8032, 32.80, "第三避難所"), Point(130.8096, 32.80, "遠い避難所")]),
    ]);

    private static Post Geotagged(string id, string text, double lat, double lon) =>
        Make(text, id: id) with { Geo = new PostGeo { Lat = lat, Lon = lon, Kind = "exact" } };

    private static PostAnalyser Analyser(SnapshotHolder holder) => new(holder);

    private static SnapshotHolder Holder(SpatialContext spatial) =>
        new(new PipelineSnapshot(StarterGlossary, DemoGaz, Registry) { Spatial = spatial });

    [Fact]
    public void The_pipeline_stores_zones_with_attributes_nearest_shelters_and_municipality_in_the_record()
    {
        var analysis = Analyser(Holder(Layers())).Analyse(Geotagged("1", "助けて！土砂で家が埋まった", 32.80, 130.80), Now);
        var spatial = Assert.IsType<SpatialJoinResult>(analysis.Spatial);
        var zone = Assert.Single(spatial.Zones);
        Assert.Equal(11, zone.LayerId);
        Assert.Equal("土砂災害警戒区域", zone.ZoneName);
        Assert.Equal("2", zone.Attributes["区域区分"]);
        Assert.Equal("熊本県益城町", spatial.Municipality);
        Assert.Equal(["第一避難所", "第二避難所", "第三避難所"], spatial.NearestShelters.Select(s => s.Name));
        Assert.InRange(spatial.NearestShelters[0].DistanceMetres, 85, 105);

        // design.md §4.2 extended compatibly: one more key, everything else unchanged.
        var json = PostJson.ToNode(analysis).AsObject();
        Assert.Equal("熊本県益城町", (string?)json["spatial"]!["municipality"]);
        Assert.Equal("2", (string?)json["spatial"]!["zones"]![0]!["attributes"]!["区域区分"]);
        Assert.Equal("第一避難所", (string?)json["spatial"]!["nearest_shelters"]![0]!["name"]);
        var back = PostJson.DeserializeAnalysis(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()))!;
        Assert.Equal("土砂災害警戒区域", back.Spatial!.Zones.Single().ZoneName);
        Assert.Equal(spatial.NearestShelters[0].DistanceMetres, back.Spatial.NearestShelters[0].DistanceMetres);
    }

    [Fact]
    public void A_record_written_before_the_stage_reads_back_without_spatial_and_is_joined_at_the_edge()
    {
        var old = PostJson.DeserializeAnalysis("""{"relevant":true,"categories":[],"hazards":[],"matches":[],"excluded_by":null,"location":{"lat":32.8,"lon":130.8,"level":"exact","source":"geotag"},"reliability":{"source":"F","credibility":6,"score":0,"reasons":[]},"duplicate_of":null,"claim_id":null,"claim_status":"unverified"}"""u8)!;
        Assert.Null(old.Spatial);
        var post = new AnalysedPost(Make("x"), old, Now);
        var joined = SpatialJoinStage.WithJoin(post, Layers());
        Assert.Single(joined.Analysis.Spatial!.Zones);
    }

    [Fact]
    public void Posts_placed_only_to_a_municipality_or_prefecture_are_not_joined_to_zones_or_shelters()
    {
        var layers = Layers();
        var at = new PostLocation { Lat = 32.80, Lon = 130.80, Level = LocationLevels.Municipality, Source = "text" };
        var muni = SpatialJoinStage.Join(at, layers)!;
        Assert.Empty(muni.Zones);
        Assert.Empty(muni.NearestShelters);
        Assert.Equal("熊本県益城町", muni.Municipality);
        var pref = SpatialJoinStage.Join(at with { Level = LocationLevels.Prefecture }, layers)!;
        Assert.Same(SpatialJoinResult.Empty, pref);
        Assert.Null(SpatialJoinStage.Join(null, layers));
    }

    [Fact]
    public void Before_the_layers_are_loaded_posts_are_left_unjoined_not_stored_as_outside_every_zone()
    {
        var holder = new SnapshotHolder(new PipelineSnapshot(StarterGlossary, DemoGaz, Registry));
        var analysis = Analyser(holder).Analyse(Geotagged("1", "助けて", 32.80, 130.80), Now);
        Assert.NotNull(analysis.Location);
        Assert.Null(analysis.Spatial);
    }

    [Fact]
    public void A_new_layer_snapshot_applies_to_the_next_post_and_earlier_records_keep_theirs()
    {
        var holder = Holder(Layers("旧区域"));
        var analyser = Analyser(holder);
        var first = analyser.Analyse(Geotagged("1", "助けて", 32.80, 130.80), Now);
        holder.Update(s => s with { Spatial = Layers("新区域") });
        var second = analyser.Analyse(Geotagged("2", "助けて 二件目", 32.80, 130.801), Now);
        Assert.Equal("旧区域", first.Spatial!.Zones.Single().ZoneName);
        Assert.Equal("新区域", second.Spatial!.Zones.Single().ZoneName);
    }

    private static AnalysedPost Stored(string id, double lat, double lon, SpatialContext layers)
    {
        var loc = new PostLocation { Lat = lat, Lon = lon, Level = LocationLevels.Exact, Source = "geotag" };
        return new AnalysedPost(Make("t", id: id), new PostAnalysis { Relevant = true, Location = loc, Spatial = SpatialJoinStage.Join(loc, layers) }, Now);
    }

    [Fact]
    public void Post_filter_decides_zone_and_shelter_filters_on_the_stored_joins()
    {
        var layers = Layers();
        var inside = Stored("in", 32.80, 130.80, layers);
        var outside = Stored("out", 32.85, 130.70, layers);
        var unplaced = new AnalysedPost(Make("u", id: "u"), new PostAnalysis { Relevant = true }, Now);

        var inZone = new PostFilter { Spatial = new SpatialFilter { ZoneLayerId = 11, ZoneAttribute = "区域区分", ZoneAttributeValue = "2" } };
        Assert.True(inZone.Matches(inside));
        Assert.False(inZone.Matches(outside));
        Assert.False(inZone.Matches(unplaced));
        Assert.False(new PostFilter { Spatial = new SpatialFilter { ZoneLayerId = 11, ZoneAttribute = "区域区分", ZoneAttributeValue = "1" } }.Matches(inside));
        Assert.True(inZone.ToQuery(null, null, 10).LocatedOnly);

        var near150 = new PostFilter { Spatial = new SpatialFilter { WithinMetresOfShelter = 150 } };
        Assert.True(near150.Matches(inside));
        Assert.False(near150.Matches(outside));
        // The record says what was joined: a record whose joins were cleared no longer matches.
        Assert.False(near150.Matches(inside with { Analysis = inside.Analysis with { Spatial = SpatialJoinResult.Empty } }));
    }

    [Fact]
    public void Within_N_m_of_a_named_shelter_holds_even_when_it_is_not_among_the_stored_nearest()
    {
        var layers = Layers();
        var post = Stored("in", 32.80, 130.80, layers);
        Assert.DoesNotContain(post.Analysis.Spatial!.NearestShelters, s => s.Name == "遠い避難所");
        var named = new SpatialFilter { WithinMetresOfShelter = 1000, ShelterName = "遠い避難所" };
        Assert.False(new PostFilter { Spatial = named }.Matches(post)); // unresolved: only the stored nearest
        var resolved = named with { NamedShelterPoints = layers.ShelterPoints("遠い避難所") };
        Assert.True(new PostFilter { Spatial = resolved }.Matches(post));
        Assert.False(new PostFilter { Spatial = resolved with { WithinMetresOfShelter = 500 } }.Matches(post));
    }
}
