using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Live;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Maps.Snapshots;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Maps;

/// <summary>A dashboard whose snapshot Chromium does not exist (the print page itself needs no browser).</summary>
public sealed class NoChromiumFactory : DashboardFactory
{
    public const string MissingChromium = "/nonexistent/chromium-for-test";
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Map:Snapshot:ChromiumPath"] = MissingChromium,
    };
}

/// <summary>Issue 6 item 6: the internal print page (legend, provenance, filter, timestamp,
/// hostile text escaped) and the snapshot endpoint's refusals.</summary>
public class MapSnapshotTests(NoChromiumFactory factory) : IClassFixture<NoChromiumFactory>
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    private async Task<LayerRecord> ImportHostileLayerAsync()
    {
        var catalogue = factory.Services.GetRequiredService<ILayerCatalogue>();
        var layer = LayerImporter.Import("zone.geojson", new MemoryStream("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"<b>x</b>"},
             "geometry":{"type":"Polygon","coordinates":[[[130.70,32.70],[130.90,32.70],[130.90,32.90],[130.70,32.90],[130.70,32.70]]]}}]}
            """u8.ToArray()), new()
            {
                Title = "区域" + Hostile, Theme = LayerThemes.Hazard, SourceOrganisation = "市" + Hostile,
                Attribution = "出典表示" + Hostile, Licence = "CC BY 4.0 " + Hostile, SourceKey = "snapshot-test-" + Guid.NewGuid().ToString("N"),
                ValidAt = new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.FromHours(9)),
            }, new LayerImportLimits());
        return await catalogue.AddAsync(layer, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Print_page_shows_legend_provenance_filter_and_time_with_hostile_text_escaped()
    {
        var layer = await ImportHostileLayerAsync();
        // A hostile post inside the zone, through the real pipeline.
        var sink = factory.Services.GetRequiredService<IIngestSink>();
        var id = "snap-" + Guid.NewGuid().ToString("N");
        await sink.OfferAsync(TestPosts.Make(id, TestPosts.HostileText, DateTimeOffset.UtcNow, 32.80, 130.80), OfferMode.Wait, default);
        var store = factory.Services.GetRequiredService<IPostStore>();
        for (var i = 0; i < 100 && !(await store.QueryAsync(new PostQuery { Limit = 100 })).Any(p => p.Post.SourcePostId == id); i++) await Task.Delay(100);

        var view = new MapSnapshotView
        {
            Lat = 32.8, Lon = 130.8, Zoom = 11, BaseMap = "vector", Layers = [layer.Id],
            From = DateTimeOffset.UtcNow.AddHours(-1),
            Filter = new SharedPostFilter { Categories = ["rescue_request"], Grades = ["A", "B"], Text = "取り残" + Hostile, SpatialValue = $"zone:{layer.Id}" },
        };
        var client = await factory.SignedInClientAsync();
        var html = await client.GetStringAsync("/map/snapshot/print" + view.ToQueryString());

        Assert.Contains("地図スナップショット", html);
        Assert.Matches(@"作成日時: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} JST", html);
        Assert.Contains($"data-testid=\"snapshot-layer-{layer.Id}\"", html);
        // Provenance of the visible layer: source, licence, version, valid-at.
        Assert.Contains("出典: 出典表示&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("ライセンス: CC BY 4.0 &lt;img", html);
        Assert.Contains("（版 1）", html);
        Assert.Contains("時点: 2025-10-27", html);
        // The filter summary names the window and the whole shared filter: category, grades, text, the zone layer by title.
        var filterLine = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"snapshot-filter\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Matches(@"^絞り込み: 期間 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} JST 〜 現在 · ", filterLine);
        Assert.EndsWith(" 〜 現在 · 災害関連・位置の分かる投稿 · 救助要請 · A · B · 本文: 取り残&lt;img src=x onerror=alert(1)&gt; · 区域内（レイヤ 区域&lt;img src=x onerror=alert(1)&gt;）", filterLine);
        var near = view with { Filter = new SharedPostFilter { SpatialValue = "near:500", ShelterName = "避難所" + Hostile, RelevantOnly = false } };
        var nearHtml = await client.GetStringAsync("/map/snapshot/print" + near.ToQueryString());
        Assert.Contains("位置の分かる投稿 · 関連外の投稿も含む · 避難所&lt;img src=x onerror=alert(1)&gt; から 500 m 以内", nearHtml);
        Assert.DoesNotContain(Hostile, nearHtml);
        Assert.Contains("背景地図", html);
        // Hostile text never appears as markup, and post text never reaches the page at all.
        Assert.DoesNotContain(Hostile, html);
        Assert.DoesNotContain("onerror=\"window.__pwned", html);
        Assert.DoesNotContain("取り残されています", html);
    }

    [Fact]
    public async Task Print_page_counts_the_posts_of_the_window_on_the_map()
    {
        var sink = factory.Services.GetRequiredService<IIngestSink>();
        var id = "count-" + Guid.NewGuid().ToString("N");
        await sink.OfferAsync(TestPosts.Make(id, "#救助 2階に取り残されています 助けて", DateTimeOffset.UtcNow, 32.79, 130.74), OfferMode.Wait, default);
        var store = factory.Services.GetRequiredService<IPostStore>();
        for (var i = 0; i < 100 && !(await store.QueryAsync(new PostQuery { Limit = 100 })).Any(p => p.Post.SourcePostId == id); i++) await Task.Delay(100);
        var client = await factory.SignedInClientAsync();

        var now = new MapSnapshotView { Lat = 32.8, Lon = 130.7, Zoom = 10, From = DateTimeOffset.UtcNow.AddMinutes(-10) };
        var html = await client.GetStringAsync("/map/snapshot/print" + now.ToQueryString());
        var json = System.Text.RegularExpressions.Regex.Match(html, "id=\"snapshot-posts\"[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.True(json.Length > 0, html);
        var onMap = JsonDocument.Parse(json).RootElement.GetArrayLength();
        Assert.True(onMap >= 1, html);
        Assert.Contains($"地図上の投稿 {onMap:N0} 件", html);

        // A window that ended before the post leaves it out.
        var past = now with { From = DateTimeOffset.UtcNow.AddDays(-2), To = DateTimeOffset.UtcNow.AddDays(-1) };
        Assert.Contains("地図上の投稿 0 件", await client.GetStringAsync("/map/snapshot/print" + past.ToQueryString()));
    }

    [Fact]
    public async Task Print_page_draws_only_the_posts_the_whole_shared_filter_selects()
    {
        // Three located, relevant posts with their own places: two rescue requests (grades A and C)
        // carrying a unique word, and a flood report (grade A) without it.
        var word = "snapfilter" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        AnalysedPost Post(string id, string text, string category, string grade, double lat, double lon) =>
            TestPosts.Analysed(TestPosts.Make(id + word, text, now.AddMinutes(-2), lat, lon), new PostAnalysis
            {
                Relevant = true, Categories = [category],
                Location = new PostLocation { Lat = lat, Lon = lon, Level = LocationLevels.Exact, Source = "geotag" },
                Reliability = new ReliabilityGrade(grade, 3, 0.5, []),
            });
        var rescueA = Post("a-", $"救助 {word} 2階にいます", "rescue_request", "A", 33.111, 131.111);
        var rescueC = Post("c-", $"救助 {word} 屋根の上", "rescue_request", "C", 33.222, 131.222);
        var floodA = Post("f-", "道路が冠水しています", "flooding", "A", 33.333, 131.333);
        await factory.Services.GetRequiredService<IPostStore>().AppendAsync([rescueA, rescueC, floodA]);
        var client = await factory.SignedInClientAsync();
        var view = new MapSnapshotView { Lat = 33.2, Lon = 131.2, Zoom = 9, BaseMap = "vector", From = now.AddMinutes(-10) };

        async Task<(List<double> Lats, string Html)> DrawnAsync(SharedPostFilter filter)
        {
            var html = await client.GetStringAsync("/map/snapshot/print" + (view with { Filter = filter }).ToQueryString());
            var json = System.Text.RegularExpressions.Regex.Match(html, "id=\"snapshot-posts\"[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
            var lats = JsonDocument.Parse(json).RootElement.EnumerateArray().Select(p => p.GetProperty("lat").GetDouble())
                .Where(l => l is 33.111 or 33.222 or 33.333).Order().ToList();
            return (lats, html);
        }

        Assert.Equal([33.111, 33.222, 33.333], (await DrawnAsync(SharedPostFilter.None)).Lats);
        // A grade filter leaves out the grade-C rescue request; a text filter the flood report.
        Assert.Equal([33.111, 33.333], (await DrawnAsync(new SharedPostFilter { Grades = ["A"] })).Lats);
        Assert.Equal([33.111, 33.222], (await DrawnAsync(new SharedPostFilter { Text = word })).Lats);
        Assert.Equal([33.333], (await DrawnAsync(new SharedPostFilter { Categories = ["flooding"] })).Lats);
        var (lats, html) = await DrawnAsync(new SharedPostFilter { Text = word, Grades = ["C"], Categories = ["rescue_request"] });
        Assert.Equal([33.222], lats);
        Assert.Contains($"救助要請 · C · 本文: {word}", html);
    }

    [Fact]
    public void The_views_json_carries_the_whole_shared_filter_to_the_print_pages_query()
    {
        // The shape the map's button posts: the shared filter as the circuit holds it (camelCase).
        var json = """
            {"lat":32.8,"lon":130.7,"zoom":10,"baseMap":"vector","layers":[],"from":"2026-11-22T00:00:00Z","includeProfileOnly":true,
             "filter":{"categories":["rescue_request"],"hazards":["heavy_rain_flood"],"grades":["A","B"],"sources":["x"],"text":"取り残",
                       "relevantOnly":false,"spatialValue":"near:500","shelterName":"益城町総合体育館","isEmpty":false,"hasSpatial":true}}
            """;
        var view = JsonSerializer.Deserialize<MapSnapshotView>(json, JsonSerializerOptions.Web)!;
        Assert.Null(view.Problem());
        var printed = MapSnapshotView.FromQuery(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(view.ToQueryString()), out var error);
        Assert.Null(error);
        Assert.Equal("cat=rescue_request&hz=heavy_rain_flood&grade=A%2CB&src=x&q=%E5%8F%96%E3%82%8A%E6%AE%8B&all=1&spatial=near%3A500&shelter=%E7%9B%8A%E5%9F%8E%E7%94%BA%E7%B7%8F%E5%90%88%E4%BD%93%E8%82%B2%E9%A4%A8",
            printed!.Filter.ToQueryString());
        Assert.True(printed.IncludeProfileOnly);

        var bad = JsonSerializer.Deserialize<MapSnapshotView>("""{"lat":32.8,"lon":130.7,"zoom":10,"from":"2026-11-22T00:00:00Z","filter":{"spatialValue":"zone:abc"}}""", JsonSerializerOptions.Web)!;
        Assert.Contains("spatialValue", bad.Problem());
    }

    [Fact]
    public async Task Print_page_refuses_an_unusable_view()
    {
        var html = await (await factory.SignedInClientAsync()).GetStringAsync("/map/snapshot/print?lat=200&lon=130&z=10&from=0");
        Assert.Contains("snapshot-bad-view", html);
        Assert.Contains("lat must be between -90 and 90", html);
    }

    [Fact]
    public async Task Snapshot_without_chromium_is_a_clear_503_naming_the_path()
    {
        var client = await factory.SignedInClientAsync();
        var response = await client.PostAsJsonAsync("/api/map/snapshot", new { lat = 32.8, lon = 130.7, zoom = 10, baseMap = "vector", layers = Array.Empty<long>(), from = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains(NoChromiumFactory.MissingChromium, detail);
        Assert.Contains("apt-get install chromium", detail);
    }

    [Fact]
    public async Task Snapshot_endpoints_refuse_bad_views_anonymous_clients_and_odd_file_names()
    {
        var client = await factory.SignedInClientAsync();
        var bad = await client.PostAsJsonAsync("/api/map/snapshot", new { lat = 32.8, lon = 130.7, zoom = 40, from = DateTimeOffset.UtcNow });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("zoom", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/map/snapshot/..%2F..%2Fsns-dashboard.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/map/snapshot/20261122-000000-abcdef01.txt")).StatusCode);

        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/map/snapshot", new { lat = 1 })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/map/snapshot/print?lat=32&lon=130&z=9&from=0")).StatusCode);
    }
}
