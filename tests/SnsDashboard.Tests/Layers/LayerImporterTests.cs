using System.Text;
using SnsDashboard.Core.Layers;

namespace SnsDashboard.Tests.Layers;

public sealed class LayerImporterTests
{
    private static readonly LayerImportLimits Limits = new();

    private static ImportedLayer Import(string path, LayerImportRequest? request = null, LayerImportLimits? limits = null)
    {
        using var s = File.OpenRead(path);
        return LayerImporter.Import(path, s, request ?? new LayerImportRequest(), limits ?? Limits);
    }

    private static string Refused(string path, LayerImportRequest? request = null, LayerImportLimits? limits = null) =>
        Assert.Throws<LayerImportException>(() => Import(path, request, limits)).Message;

    [Fact]
    public void Gsi_shelter_geojson_is_read_with_inferred_provenance()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.KumamotoShelters));
        Assert.Equal("geojson", layer.Format);
        Assert.True(layer.Features.Count > 300, $"only {layer.Features.Count} shelters");
        Assert.All(layer.Features, f => Assert.Equal(GeometryKind.Point, f.Geometry.Kind));
        var p = layer.Provenance;
        Assert.Equal(LayerThemes.SocialAssets, p.Theme);
        Assert.Equal("指定緊急避難場所 熊本県熊本市", p.Title);
        Assert.Equal("国土地理院", p.SourceOrganisation);
        Assert.Contains("指定緊急避難場所データ", p.Attribution);
        // Longitude first, inside Kumamoto city.
        var (lon, lat) = (layer.Features[0].Geometry.Parts[0][0][0], layer.Features[0].Geometry.Parts[0][0][1]);
        Assert.InRange(lon, 130.5, 130.9);
        Assert.InRange(lat, 32.6, 33.0);
        Assert.Equal("家族葬のファミーユ（横手ホール）", layer.Features[0].Properties["施設・場所名"]);
    }

    [Fact]
    public void Gsi_evacuation_shelters_are_told_apart_from_emergency_sites()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.KumamotoEvacuation));
        Assert.StartsWith("指定避難所 ", layer.Provenance.Title);
        Assert.NotEqual(Import(LayerFiles.Shared(LayerFiles.KumamotoShelters)).Provenance.SourceKey, layer.Provenance.SourceKey);
    }

    [Fact]
    public void Gsi_unavailable_stub_is_refused_as_holding_no_data()
    {
        var message = Refused(LayerFiles.Shared(LayerFiles.KumamotoShelterStub));
        Assert.Contains("431010.json", message);
        Assert.Contains("no data", message);
    }

    [Fact]
    public void Plateau_landslide_gml_is_read_latitude_first()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.NumazuLandslide));
        Assert.Equal("citygml", layer.Format);
        Assert.Equal(234, layer.Features.Count);
        Assert.Equal(LayerThemes.Hazard, layer.Provenance.Theme);
        Assert.StartsWith("土砂災害警戒区域", layer.Provenance.Title);
        Assert.Equal("CC BY 4.0", layer.Provenance.Licence);
        var b = layer.Bounds();
        // The file's envelope says lat 35.087–35.174, lon 138.775–138.878 (listed lat first).
        Assert.InRange(b.MinLon, 138.7, 138.9);
        Assert.InRange(b.MaxLat, 35.0, 35.2);
        var zone = layer.Features[0].Properties;
        Assert.Contains(zone["区域区分"], new[] { "1", "2" });
        Assert.Equal("土砂災害警戒区域", zone["区域種別"]);
    }

    [Fact]
    public void Plateau_flood_and_tsunami_gml_carry_inundation_rank()
    {
        var flood = Import(LayerFiles.Shared(LayerFiles.NumazuFlood));
        Assert.Equal(12, flood.Features.Count);
        Assert.StartsWith("洪水浸水想定区域", flood.Provenance.Title);
        Assert.All(flood.Features, f => Assert.Contains(f.Properties["浸水ランク"], new[] { "1", "2", "3" }));
        var tsunami = Import(LayerFiles.Shared(LayerFiles.NumazuTsunami));
        Assert.Equal(230, tsunami.Features.Count);
        Assert.StartsWith("津波浸水想定", tsunami.Provenance.Title);
    }

    [Fact]
    public void Plateau_file_with_bom_is_read()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.TokyoLandslide));
        Assert.Equal(55, layer.Features.Count);
        Assert.InRange(layer.Bounds().MinLon, 139.6, 139.8);
    }

    [Fact]
    public void N03_boundaries_become_a_boundaries_layer_with_edition_date()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.KumamotoMunicipalities));
        Assert.Equal(LayerThemes.Boundaries, layer.Provenance.Theme);
        Assert.Equal("行政区域 熊本県（市区町村）", layer.Provenance.Title);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)), layer.Provenance.ValidAt);
        Assert.Contains("国土数値情報", layer.Provenance.Attribution);
        Assert.All(layer.Features, f => Assert.Equal(GeometryKind.Polygon, f.Geometry.Kind));
    }

    [Fact]
    public void Station_lines_are_read_as_lines()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.Stations));
        Assert.Equal(10_240, layer.Features.Count);
        Assert.All(layer.Features, f => Assert.Equal(GeometryKind.Line, f.Geometry.Kind));
    }

    [Fact]
    public void Uploader_options_override_inferred_provenance()
    {
        var layer = Import(LayerFiles.Shared(LayerFiles.KumamotoShelters), new LayerImportRequest
        {
            Title = "避難場所（熊本市）", Theme = LayerThemes.Response, Licence = "CC BY 4.0",
            ValidAt = new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.Equal("避難場所（熊本市）", layer.Provenance.Title);
        Assert.Equal(LayerThemes.Response, layer.Provenance.Theme);
        Assert.Equal("CC BY 4.0", layer.Provenance.Licence);
        Assert.Equal("国土地理院", layer.Provenance.SourceOrganisation);
        Assert.Equal(2025, layer.Provenance.ValidAt!.Value.Year);
    }

    [Fact]
    public void Unknown_theme_is_refused()
    {
        Assert.Contains("unknown theme", Refused(LayerFiles.Shared(LayerFiles.KumamotoShelters), new() { Theme = "weather" }));
    }

    [Fact]
    public void Kml_points_lines_polygons_and_extended_data_are_read()
    {
        var layer = Import(LayerFiles.Fixture("damage-reports.kml"));
        Assert.Equal("kml", layer.Format);
        Assert.Equal("被害報告（テスト）", layer.Provenance.Title);
        Assert.Equal([GeometryKind.Point, GeometryKind.Line, GeometryKind.Polygon], layer.Features.Select(f => f.Geometry.Kind));
        Assert.Equal("道路", layer.Features[0].Properties["被害種別"]);
        Assert.StartsWith("<script>", layer.Features[0].Properties["name"]); // kept as text; escaped when shown
    }

    [Fact]
    public void Kmz_with_a_doc_kml_is_read()
    {
        var kmz = LayerFiles.WriteKmz(("doc.kml", File.ReadAllBytes(LayerFiles.Fixture("damage-reports.kml"))), ("images/a.png", [1, 2, 3]));
        var layer = Import(kmz);
        Assert.Equal("kmz", layer.Format);
        Assert.Equal(3, layer.Features.Count);
    }

    [Theory]
    [InlineData("xxe.kml")]
    [InlineData("billion-laughs.kml")]
    public void Kml_with_a_dtd_is_refused(string fixture)
    {
        var message = Refused(LayerFiles.Fixture(fixture));
        Assert.Contains(fixture, message);
        Assert.Contains("DTD", message);
    }

    [Fact]
    public void Kmz_zip_bomb_is_refused()
    {
        var kmz = LayerFiles.WriteKmz(("doc.kml", new byte[20 * 1024 * 1024]));
        Assert.Contains("zip bomb", Refused(kmz));
    }

    [Fact]
    public void Kmz_larger_than_the_uncompressed_limit_is_refused()
    {
        var kml = File.ReadAllBytes(LayerFiles.Fixture("damage-reports.kml"));
        var kmz = LayerFiles.WriteKmz(("doc.kml", kml));
        Assert.Contains("expands to", Refused(kmz, limits: new LayerImportLimits { MaxUncompressedBytes = 100 }));
    }

    [Theory]
    [InlineData("../../evil.kml")]
    [InlineData("/etc/evil.kml")]
    [InlineData("..\\evil.kml")]
    public void Kmz_path_traversal_is_refused(string entry)
    {
        var kmz = LayerFiles.WriteKmz(("doc.kml", File.ReadAllBytes(LayerFiles.Fixture("damage-reports.kml"))), (entry, Encoding.UTF8.GetBytes("<kml/>")));
        Assert.Contains("path traversal", Refused(kmz));
    }

    [Fact]
    public void Shift_jis_csv_is_detected_and_read()
    {
        var layer = Import(LayerFiles.Fixture("shelters-sjis.csv"));
        Assert.Equal(2, layer.Features.Count);
        Assert.Contains(layer.Notes, n => n.Contains("Shift_JIS"));
        Assert.Equal("益城町総合体育館, メインアリーナ", layer.Features[1].Properties["施設名"]);
        Assert.Equal(130.8093, layer.Features[1].Geometry.Parts[0][0][0]);
    }

    [Fact]
    public void Csv_column_mapping_is_honoured()
    {
        // Mapping lat to the column named "lon" and vice versa fixes a file with swapped headers.
        var layer = Import(LayerFiles.Fixture("swapped-columns.csv"), new() { LatColumn = "lon", LonColumn = "lat" });
        Assert.Equal(130.7079, layer.Features[0].Geometry.Parts[0][0][0]);
    }

    [Fact]
    public void Csv_without_coordinate_columns_is_refused()
    {
        var message = Refused(LayerFiles.Fixture("no-coordinates.csv"));
        Assert.Contains("no latitude column", message);
        Assert.Contains("名称", message);
    }

    [Fact]
    public void Csv_with_swapped_columns_is_refused_with_a_hint()
    {
        var message = Refused(LayerFiles.Fixture("swapped-columns.csv"));
        Assert.Contains("line 2", message);
        Assert.Contains("swapped", message);
    }

    [Fact]
    public void Csv_with_a_non_numeric_coordinate_names_line_and_field()
    {
        var message = Refused(LayerFiles.Fixture("bad-number.csv"));
        Assert.Contains("line 2", message);
        Assert.Contains("lon \"abc\"", message);
    }

    [Fact]
    public void Geojson_with_swapped_axis_out_of_range_is_refused()
    {
        var message = Refused(LayerFiles.Fixture("swapped-axis.geojson"));
        Assert.Contains("feature 1", message);
        Assert.Contains("swapped", message);
    }

    [Fact]
    public void Geojson_out_of_range_names_the_feature()
    {
        var message = Refused(LayerFiles.Fixture("out-of-range.geojson"));
        Assert.Contains("feature 2", message);
        Assert.Contains("out of range", message);
    }

    [Fact]
    public void Empty_layer_is_refused()
    {
        Assert.Contains("empty", Refused(LayerFiles.Fixture("empty.geojson")));
    }

    [Fact]
    public void Malformed_geojson_names_the_line()
    {
        var message = Refused(LayerFiles.Fixture("malformed.geojson"));
        Assert.Contains("not valid JSON", message);
        Assert.Contains("line 3", message);
    }

    [Fact]
    public void Projected_crs_is_refused_in_geojson_and_gml()
    {
        Assert.Contains("EPSG::6670", Refused(LayerFiles.Fixture("projected-crs.geojson")));
        Assert.Contains("EPSG/0/6677", Refused(LayerFiles.Fixture("plane-rectangular.gml")));
    }

    [Fact]
    public void Unclosed_polygon_ring_is_refused()
    {
        Assert.Contains("not closed", Refused(LayerFiles.Fixture("open-ring.geojson")));
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused()
    {
        var message = Refused(LayerFiles.Shared(LayerFiles.KumamotoShelters), limits: new LayerImportLimits { MaxFileBytes = 10_000 });
        Assert.Contains("MaxFileBytes", message);
    }

    [Fact]
    public void Too_many_features_are_refused()
    {
        Assert.Contains("MaxFeatures", Refused(LayerFiles.Shared(LayerFiles.Stations), limits: new LayerImportLimits { MaxFeatures = 1000 }));
    }

    [Fact]
    public void Unsupported_extension_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"x-{Guid.NewGuid():N}.shp");
        File.WriteAllBytes(path, [0, 0, 39, 10]);
        Assert.Contains("unsupported file type", Refused(path));
    }
}
