using System.Text;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Core.Text;
using SnsDashboard.Tests.TestSupport;
using Xunit.Abstractions;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Geo;

public sealed class GazetteerImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gaz-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Shared_official_data_builds_a_complete_gazetteer()
    {
        var result = SharedData.FullResult;
        output.WriteLine(result.Summary);
        var g = Assert.IsType<Gazetteer>(result.Gazetteer);
        Assert.Equal(47, g.Places.Count(p => p.Kind == PlaceKind.Prefecture));
        Assert.True(g.Places.Count(p => p.Kind == PlaceKind.Town && p.Koaza is null) > 180_000);
        Assert.True(g.Places.Count(p => p.Category == "station") > 8_000);
        Assert.True(g.Places.Count(p => p.Category == "shelter") > 10_000);
        Assert.True(g.Boundaries.Count > 1_800);
        Assert.Equal("431001", g.FindMunicipality("431028")!.ParentCode);
        Assert.DoesNotContain(result.Issues, i => i.Fatal);
        // geolonia's old 浜松市 wards are filed under the city and named as such.
        Assert.Contains(result.Issues, i => i.File.EndsWith("浜松市中区.json") && i.Message.Contains("221309"));
        Assert.Contains("浜松市中区", g.FindMunicipality("221309")!.Aliases);
    }

    [Fact]
    public void Reverse_lookup_names_the_municipality_from_boundaries_and_the_nearest_town()
    {
        var r = ReverseGeocoder.Lookup(SharedData.Full, 32.7905, 130.8165)!; // 益城町役場 area
        Assert.Equal("434434", r.Municipality!.LgCode);
        Assert.Equal("434434", r.NearestTown!.ParentCode);
        Assert.Null(ReverseGeocoder.Lookup(SharedData.Full, 130.8, 32.79)); // swapped: outside Japan
        var ward = ReverseGeocoder.Lookup(SharedData.Full, 38.2601, 140.8821)!; // 仙台市青葉区 (城下)
        Assert.Equal("041017", ward.Municipality!.LgCode);
    }

    [Fact]
    public void Geotagged_post_is_labelled_by_reverse_lookup()
    {
        var post = Make("揺れた") with { Geo = new Core.Posts.PostGeo { Lat = 38.2601, Lon = 140.8821, Kind = "exact" } };
        var loc = TextGeolocator.Locate(post, TextNormaliser.Normalise(post.Text), SharedData.Full)!;
        Assert.Equal(("exact", "geotag", "041017", "宮城県"), (loc.Level, loc.Source, loc.LgCode, loc.Pref));
    }

    [Fact]
    public void TopoJson_boundaries_give_the_same_municipality_as_GeoJson()
    {
        var topo = SharedData.Sources with
        {
            TownsDir = null, StationsFile = null, SheltersDir = null,
            BoundariesFile = Path.Combine(SharedData.Dir, "boundaries/smartnews-smri-japan-topography/data/municipality/topojson/s0001/N03-21_210101.json"),
        };
        var g = GazetteerBuilder.Build(topo).Gazetteer!;
        Assert.True(g.Boundaries.Count > 1_800);
        foreach (var (lat, lon, code) in new[] { (32.7905, 130.8165, "434434"), (35.6895, 139.6917, "131041"), (43.0621, 141.3544, "011011") })
            Assert.Equal(code, ReverseGeocoder.Lookup(g, lat, lon)?.Municipality?.LgCode);
    }

    [Fact]
    public void Cache_round_trip_gives_the_same_places_and_is_ignored_when_sources_change()
    {
        var g = MiniBuild().Gazetteer!;
        string cache = Path.Combine(_dir, "cache.bin");
        GazetteerCache.Write(cache, g, "fp1");
        var back = GazetteerCache.TryRead(cache, "fp1")!;
        static object Flat(GazetteerPlace p) => (p with { Aliases = [] }, string.Join("|", p.Aliases));
        Assert.Equal(g.Places.Select(Flat), back.Places.Select(Flat));
        Assert.True(g.Places.Count > 50);
        Assert.Null(GazetteerCache.TryRead(cache, "fp2"));
        File.WriteAllBytes(cache, [1, 2, 3]);
        Assert.Null(GazetteerCache.TryRead(cache, "fp1"));
    }

    [Fact]
    public void Shift_jis_master_is_rejected_with_file_and_line_and_nothing_replaces_the_running_gazetteer()
    {
        WriteMini();
        var sjis = CodePagesEncoding();
        File.WriteAllBytes(Path.Combine(_dir, "abr/mt_pref_all.csv"), sjis.GetBytes("lg_code,pref,pref_kana\r\n430005,熊本県,クマモトケン\r\n"));
        var result = GazetteerBuilder.Build(Sources(), minMunicipalities: 1);
        Assert.Null(result.Gazetteer);
        var issue = Assert.Single(result.Issues, i => i.Message.Contains("UTF-8"));
        Assert.EndsWith("mt_pref_all.csv", issue.File);
        Assert.Equal(2, issue.Line);
    }

    [Fact]
    public void Missing_column_is_named_and_rejects_the_build()
    {
        WriteMini();
        File.WriteAllText(Path.Combine(_dir, "abr/mt_city_pos_all.csv"), "lg_code,rep_lat\r\n431001,32.8\r\n");
        var result = GazetteerBuilder.Build(Sources(), minMunicipalities: 1);
        Assert.Null(result.Gazetteer);
        Assert.Contains(result.Issues, i => i.Fatal && i.Line == 1 && i.Message.Contains("rep_lon"));
    }

    [Fact]
    public void Bad_rows_and_files_are_reported_and_skipped_while_the_rest_loads()
    {
        WriteMini();
        File.AppendAllText(Path.Combine(_dir, "abr/mt_city_pos_all.csv"), "434442,32.65,130.81,EPSG:6668\r\n"); // swapped (lat first)
        File.AppendAllText(Path.Combine(_dir, "abr/mt_city_all.csv"), "434442,熊本県,,,上益城郡,,,甲佐町,,,,,,,,\r\n434449,熊本県,,,,,,偽町,,,,,,,,\r\n");
        File.WriteAllText(Path.Combine(_dir, "ja/熊本県/上益城郡御船町.json"), """[{"town":"大字御船","koaza":"","lat":32.71,"lng":130.80},{"town":"大字滝""");
        File.WriteAllText(Path.Combine(_dir, "ja/熊本県/架空村.json"), "[]");
        var result = GazetteerBuilder.Build(Sources(), minMunicipalities: 1);
        foreach (var i in result.Issues) output.WriteLine(i.ToString());
        var g = Assert.IsType<Gazetteer>(result.Gazetteer);
        Assert.Contains(result.Issues, i => i.File.EndsWith("mt_city_pos_all.csv") && i.Line == 4 && i.Message.Contains("swapped"));
        Assert.Contains(result.Issues, i => i.File.EndsWith("mt_city_all.csv") && i.Line == 5 && i.Message.Contains("check digit"));
        Assert.Contains(result.Issues, i => i.File.EndsWith("上益城郡御船町.json") && i.Line == 1 && i.Message.Contains("truncated"));
        Assert.Contains(result.Issues, i => i.File.EndsWith("架空村.json") && i.Message.Contains("no ABR municipality"));
        Assert.Null(g.FindMunicipality("434442"));
        Assert.Contains(g.Places, p => p.Kind == PlaceKind.Town && p.Name == "大字木山");
    }

    private GazetteerBuilder.Result MiniBuild() { WriteMini(); return GazetteerBuilder.Build(Sources(), minMunicipalities: 1); }

    private GazetteerSources Sources() => new() { AbrDir = Path.Combine(_dir, "abr"), TownsDir = Path.Combine(_dir, "ja") };

    /// <summary>A tiny but complete ABR folder: the 47 real prefectures (copied), two municipalities.</summary>
    private void WriteMini()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "abr"));
        Directory.CreateDirectory(Path.Combine(_dir, "ja/熊本県"));
        foreach (var f in new[] { "mt_pref_all.csv", "mt_pref_pos_all.csv" })
            File.Copy(Path.Combine(SharedData.Sources.AbrDir!, f), Path.Combine(_dir, "abr", f), overwrite: true);
        var head = File.ReadLines(Path.Combine(SharedData.Sources.AbrDir!, "mt_city_all.csv")).First();
        var cities = File.ReadLines(Path.Combine(SharedData.Sources.AbrDir!, "mt_city_all.csv")).Where(l => l.StartsWith("434434") || l.StartsWith("434418"));
        File.WriteAllLines(Path.Combine(_dir, "abr/mt_city_all.csv"), [head, .. cities]);
        var posHead = File.ReadLines(Path.Combine(SharedData.Sources.AbrDir!, "mt_city_pos_all.csv")).First();
        var pos = File.ReadLines(Path.Combine(SharedData.Sources.AbrDir!, "mt_city_pos_all.csv")).Where(l => l.StartsWith("434434") || l.StartsWith("434418"));
        File.WriteAllLines(Path.Combine(_dir, "abr/mt_city_pos_all.csv"), [posHead, .. pos]);
        File.WriteAllText(Path.Combine(_dir, "ja/熊本県/上益城郡益城町.json"), """[{"town":"大字木山","koaza":"","lat":32.78,"lng":130.82},{"town":"大字安永","koaza":"","lat":32.79,"lng":130.80}]""");
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
