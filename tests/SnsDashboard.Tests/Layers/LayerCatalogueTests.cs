using Microsoft.Data.Sqlite;
using SnsDashboard.Cli.Commands;
using SnsDashboard.Core.Layers;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Tests.Layers;

public sealed class LayerCatalogueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layers-").FullName;
    private readonly SqliteLayerCatalogue _catalogue;
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    public LayerCatalogueTests()
    {
        _catalogue = new SqliteLayerCatalogue(new SqliteStoreOptions { DataDir = _dir });
        _catalogue.InitialiseAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static ImportedLayer Read(string path, LayerImportRequest? r = null)
    {
        using var s = File.OpenRead(path);
        return LayerImporter.Import(path, s, r ?? new(), new LayerImportLimits());
    }

    [Fact]
    public async Task Stored_layer_round_trips_provenance_and_geojson()
    {
        var layer = Read(LayerFiles.Shared(LayerFiles.NumazuLandslide));
        var rec = await _catalogue.AddAsync(layer, T0);
        Assert.Equal(1, rec.Version);
        Assert.True(rec.IsCurrent);
        Assert.Equal(234, rec.FeatureCount);
        Assert.Equal(T0, rec.ImportedAt);
        Assert.Equal("CC BY 4.0", rec.Licence);
        Assert.InRange(rec.MinLon, 138.7, 138.9);

        var json = await _catalogue.GetGeoJsonAsync(rec.Id);
        var reread = GeoJsonLayerReader.Read("stored.geojson", json!);
        Assert.Equal(234, reread.Features.Count);
        Assert.Equal(layer.Features[5].Properties["区域区分"], reread.Features[5].Properties["区域区分"]);
        Assert.Equal(layer.Features[5].Geometry.Parts[0][0][0], reread.Features[5].Geometry.Parts[0][0][0], 6);
    }

    [Fact]
    public async Task Reimport_of_a_source_becomes_current_and_keeps_the_old_version()
    {
        var first = await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.KumamotoShelters),
            new() { ValidAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) }), T0);
        var second = await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.KumamotoShelters),
            new() { ValidAt = new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.Zero) }), T0.AddHours(1));
        Assert.Equal(2, second.Version);
        Assert.True(second.IsCurrent);
        var current = await _catalogue.ListAsync();
        Assert.Equal([second.Id], current.Select(l => l.Id));
        var history = await _catalogue.ListAsync(includeHistory: true);
        Assert.Equal(2, history.Count);
        Assert.False(history.Single(l => l.Id == first.Id).IsCurrent);
    }

    [Fact]
    public async Task Reimport_of_an_older_edition_is_kept_as_history_only()
    {
        var newer = await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.KumamotoShelters),
            new() { ValidAt = new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.Zero) }), T0);
        var older = await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.KumamotoShelters),
            new() { ValidAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) }), T0.AddHours(1));
        Assert.False(older.IsCurrent);
        Assert.Equal([newer.Id], (await _catalogue.ListAsync()).Select(l => l.Id));
        Assert.True(await _catalogue.MakeCurrentAsync(older.Id));
        Assert.Equal([older.Id], (await _catalogue.ListAsync()).Select(l => l.Id));
    }

    [Fact]
    public async Task Different_sources_are_separate_layers()
    {
        await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.NumazuFlood)), T0);
        await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.NumazuTsunami)), T0);
        await _catalogue.AddAsync(Read(LayerFiles.Shared(LayerFiles.KumamotoMunicipalities)), T0);
        var list = await _catalogue.ListAsync();
        Assert.Equal(3, list.Count);
        Assert.Equal(["boundaries", "hazard", "hazard"], list.Select(l => l.Theme));
    }
}

public sealed class LayersCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layers-cli-").FullName;
    private readonly string _config;

    public LayersCommandTests()
    {
        _config = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(_config, """{ "Storage": { "DataDir": "db" }, "Layers": { "Limits": { "MaxFileBytes": 3000000 } } }""");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await LayersCommand.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Import_then_list_shows_the_layer_with_inferred_defaults()
    {
        var (code, output, _) = await Run("import", LayerFiles.Shared(LayerFiles.NumazuLandslide), "--config", _config);
        Assert.Equal(0, code);
        Assert.Contains("234 features", output);
        Assert.Contains("国土交通省 Project PLATEAU", output);
        (code, output, _) = await Run("list", "--config", _config);
        Assert.Equal(0, code);
        Assert.Contains("土砂災害警戒区域（PLATEAU 523856）", output);
        Assert.Contains("\thazard\t234\t", output);
    }

    [Fact]
    public async Task Options_override_defaults()
    {
        var (code, output, _) = await Run("import", LayerFiles.Fixture("shelters-sjis.csv"), "--config", _config,
            "--title", "益城町 避難所", "--theme", "social_assets", "--source", "益城町", "--licence", "CC BY 4.0", "--valid-at", "2016-04-14");
        Assert.Equal(0, code);
        (_, output, _) = await Run("list", "--config", _config);
        Assert.Contains("social_assets\t2\t2016-04-14\t益城町 避難所\t益城町\tCC BY 4.0", output);
    }

    [Fact]
    public async Task Refused_file_exits_non_zero_and_stores_nothing()
    {
        var (code, _, err) = await Run("import", LayerFiles.Fixture("xxe.kml"), "--config", _config);
        Assert.Equal(1, code);
        Assert.Contains("refused: xxe.kml", err);
        Assert.Contains("DTD", err);
        (code, var output, _) = await Run("list", "--config", _config);
        Assert.Equal(0, code);
        Assert.Single(output.Trim().Split('\n')); // header only
    }

    [Fact]
    public async Task Configured_size_limit_applies()
    {
        var (code, _, err) = await Run("import", LayerFiles.Shared(LayerFiles.Stations), "--config", _config);
        Assert.Equal(1, code);
        Assert.Contains("MaxFileBytes", err);
    }

    [Fact]
    public async Task Bad_arguments_exit_2()
    {
        Assert.Equal(2, (await Run("import")).Code);
        Assert.Equal(2, (await Run("import", "/nonexistent.geojson", "--config", _config)).Code);
        Assert.Equal(2, (await Run("import", LayerFiles.Fixture("empty.geojson"), "--valid-at", "yesterday", "--config", _config)).Code);
    }
}
