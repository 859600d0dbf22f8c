using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>A dashboard with a small MBTiles file configured as its offline base map.</summary>
public sealed class OfflineTilesFactory : DashboardFactory
{
    public static readonly byte[] TileBytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4];
    public string MbTilesPath { get; } = CreateMbTiles();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Map:OfflineTiles:MbTilesPath"] = MbTilesPath,
    };

    private static string CreateMbTiles()
    {
        var path = Path.Combine(Path.GetTempPath(), $"offline-{Guid.NewGuid():N}.mbtiles");
        using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        // z=1, x=0, XYZ y=0 is TMS row 1.
        cmd.CommandText = """
            CREATE TABLE metadata (name TEXT, value TEXT);
            CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
            INSERT INTO metadata VALUES ('format', 'png'), ('attribution', 'テスト地図');
            INSERT INTO tiles VALUES (1, 0, 1, $data);
            """;
        cmd.Parameters.AddWithValue("$data", TileBytes);
        cmd.ExecuteNonQuery();
        return path;
    }
}

public class MapLayerEndpointTests(OfflineTilesFactory factory) : IClassFixture<OfflineTilesFactory>
{
    [Fact]
    public async Task Offline_tiles_are_served_from_mbtiles_with_the_tms_row_flipped()
    {
        var client = (await factory.SignedInClientAsync());
        var tile = await client.GetAsync("/tiles/offline/1/0/0");
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal("image/png", tile.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OfflineTilesFactory.TileBytes, await tile.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tiles/offline/1/0/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/tiles/offline/1/5/0")).StatusCode);
    }

    [Fact]
    public async Task The_map_offers_the_offline_base_map()
    {
        var html = await (await factory.SignedInClientAsync()).GetStringAsync("/map");
        Assert.Contains("value=\"offline\"", html);
        Assert.Contains("オフライン地図（MBTiles）", html);
    }

    [Fact]
    public async Task Layers_are_listed_and_served_as_geojson()
    {
        var catalogue = factory.Services.GetRequiredService<ILayerCatalogue>();
        var layer = LayerImporter.Import("zones.geojson", new MemoryStream("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"<b>x</b>"},"geometry":{"type":"Point","coordinates":[130.7,32.8]}}]}
            """u8.ToArray()), new() { Title = "エンドポイント試験", Theme = LayerThemes.Damage }, new LayerImportLimits());
        var record = await catalogue.AddAsync(layer, DateTimeOffset.UtcNow);
        var client = (await factory.SignedInClientAsync());

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/layers"));
        Assert.Contains(list.RootElement.EnumerateArray(), l => l.GetProperty("title").GetString() == "エンドポイント試験");

        var geo = await client.GetAsync($"/api/layers/{record.Id}/geojson");
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await geo.Content.ReadAsStringAsync());
        var feature = doc.RootElement.GetProperty("features")[0];
        Assert.Equal("<b>x</b>", feature.GetProperty("properties").GetProperty("name").GetString()); // data, escaped only when shown
        Assert.Equal(130.7, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/layers/999999/geojson")).StatusCode);
    }

    [Fact]
    public async Task Fallback_base_without_boundary_layers_is_the_built_in_prefecture_outlines_and_places()
    {
        var bytes = await (await factory.SignedInClientAsync()).GetByteArrayAsync("/api/map/fallback-base");
        using var doc = JsonDocument.Parse(bytes);
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        var outlines = features.Where(f => f.GetProperty("geometry").GetProperty("type").GetString() is "Polygon" or "MultiPolygon").ToList();
        // All 47 prefectures as outlines (not only points), each named, inside Japan's extent.
        Assert.Equal(47, outlines.Select(f => f.GetProperty("properties").GetProperty("name").GetString()).Distinct().Count());
        Assert.Contains(outlines, f => f.GetProperty("properties").GetProperty("name").GetString() == "熊本県");
        foreach (var f in outlines)
        {
            var b = GeoJsonLayerReader.Read("fallback", System.Text.Encoding.UTF8.GetBytes(f.GetRawText())).Features[0].Geometry.Bounds();
            Assert.InRange(b.MinLon, 122.0, 154.0);
            Assert.InRange(b.MaxLat, 24.0, 45.6);
        }
        // The demo places stay as labelled points on top, and the whole base stays small.
        Assert.Contains(features, f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point");
        Assert.InRange(bytes.Length, 50_000, 600_000);
    }

    [Fact]
    public async Task Layers_and_offline_tiles_are_not_served_to_anonymous_clients()
    {
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/layers")).StatusCode);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/tiles/offline/0/0/0")).StatusCode);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/layers")).StatusCode);
    }

    [Fact]
    public async Task Upload_page_renders()
    {
        var html = await (await factory.SignedInClientAsync()).GetStringAsync("/layers");
        Assert.Contains("レイヤの取り込み", html);
        Assert.Contains("layer-catalogue", html);
    }
}
