using System.Globalization;
using Microsoft.Extensions.Configuration;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Layers;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Cli.Commands;

/// <summary>
/// <c>layers import &lt;file&gt; [--title --theme --source --licence --attribution --key --collected-at --valid-at --lat-column --lon-column --config]</c>
/// and <c>layers list [--all] [--config]</c>: the layer catalogue in the dashboard's SQLite file
/// (Storage:DataDir). A refused file exits with code 1 and a message naming the problem;
/// nothing of it is stored.
/// </summary>
public static class LayersCommand
{
    private const string Usage =
        "usage: sns layers import <file> [--title <t>] [--theme hazard|damage|social_assets|response|boundaries] [--source <org>] " +
        "[--licence <l>] [--attribution <a>] [--key <source-key>] [--collected-at <date>] [--valid-at <date>] " +
        "[--lat-column <name>] [--lon-column <name>] [--config <appsettings.json>]\n" +
        "       sns layers list [--all] [--config <appsettings.json>]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case ["import", .. var rest]: return await ImportAsync(rest, stdout, stderr);
            case ["list", .. var rest]: return await ListAsync(rest, stdout, stderr);
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> ImportAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string[] known = ["--title", "--theme", "--source", "--licence", "--attribution", "--key", "--collected-at", "--valid-at", "--lat-column", "--lon-column", "--config"];
        if (!CliArgs.TryParse(args, known, out var o, out var positional, out var error) || positional.Count != 1)
        {
            if (error.Length > 0) await stderr.WriteLineAsync($"layers import: {error}");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var file = positional[0];
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"layers import: file not found: {file}");
            return 2;
        }
        if (!TryDate(o, "--collected-at", out var collected, out error) || !TryDate(o, "--valid-at", out var valid, out error))
        {
            await stderr.WriteLineAsync($"layers import: {error}");
            return 2;
        }
        if (!TryLoadConfig(o, out var config, out error))
        {
            await stderr.WriteLineAsync($"layers import: {error}");
            return 2;
        }
        var limits = new LayerImportLimits();
        config.Root.GetSection(LayerImportLimits.Section).Bind(limits);
        var request = new LayerImportRequest
        {
            Title = o.GetValueOrDefault("--title"), Theme = o.GetValueOrDefault("--theme"),
            SourceOrganisation = o.GetValueOrDefault("--source"), Licence = o.GetValueOrDefault("--licence"),
            Attribution = o.GetValueOrDefault("--attribution"), SourceKey = o.GetValueOrDefault("--key"),
            CollectedAt = collected, ValidAt = valid,
            LatColumn = o.GetValueOrDefault("--lat-column"), LonColumn = o.GetValueOrDefault("--lon-column"),
        };
        ImportedLayer layer;
        try
        {
            await using var stream = File.OpenRead(file);
            layer = LayerImporter.Import(file, stream, request, limits);
        }
        catch (LayerImportException e)
        {
            await stderr.WriteLineAsync($"refused: {e.Message}");
            return 1;
        }
        var catalogue = new SqliteLayerCatalogue(config.Store);
        await catalogue.InitialiseAsync();
        var record = await catalogue.AddAsync(layer, DateTimeOffset.UtcNow);
        await stdout.WriteLineAsync(
            $"imported layer {record.Id}: \"{record.Title}\" ({record.Theme}), {record.FeatureCount:N0} features, " +
            $"version {record.Version} of {record.SourceKey}{(record.IsCurrent ? "" : " (kept as history: older than the current version)")}");
        await stdout.WriteLineAsync($"  {LayerImporter.Summary(layer)}");
        await stdout.WriteLineAsync($"  source: {record.SourceOrganisation}; licence: {record.Licence}; attribution: {record.Attribution}");
        return 0;
    }

    private static async Task<int> ListAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var all = args.Contains("--all");
        if (!CliArgs.TryParse(args.Where(a => a != "--all").ToArray(), ["--config"], out var o, out var positional, out var error) || positional.Count > 0
            || !TryLoadConfig(o, out var config, out error))
        {
            await stderr.WriteLineAsync($"layers list: {(error.Length > 0 ? error : "unexpected argument")}");
            return 2;
        }
        var catalogue = new SqliteLayerCatalogue(config.Store);
        await catalogue.InitialiseAsync();
        var layers = await catalogue.ListAsync(all);
        await stdout.WriteLineAsync("id\tversion\tcurrent\ttheme\tfeatures\tvalid_at\ttitle\tsource\tlicence");
        foreach (var l in layers)
            await stdout.WriteLineAsync(string.Join('\t', l.Id, l.Version, l.IsCurrent ? "yes" : "no", l.Theme, l.FeatureCount,
                l.ValidAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", l.Title, l.SourceOrganisation, l.Licence));
        return 0;
    }

    private static bool TryDate(Dictionary<string, string> o, string key, out DateTimeOffset? value, out string error)
    {
        value = null;
        error = "";
        if (!o.TryGetValue(key, out var text)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) { value = d; return true; }
        error = $"{key} \"{text}\" is not a date (use 2025-10-27 or RFC 3339)";
        return false;
    }

    private sealed record LoadedConfig(IConfigurationRoot Root, SqliteStoreOptions Store);

    /// <summary>The spatial-join layers of the catalogue named by the configuration (the same
    /// the live host joins against); no layers when the dashboard's database does not exist yet.</summary>
    internal static async Task<SpatialContext> LoadSpatialContextAsync(string configFile)
    {
        if (!TryLoadConfig(new() { ["--config"] = configFile }, out var config, out var error)) throw new IOException(error);
        if (!File.Exists(config.Store.DatabasePath)) return SpatialContext.Empty;
        var catalogue = new SqliteLayerCatalogue(config.Store);
        await catalogue.InitialiseAsync();
        return await SpatialContextLoader.LoadAsync(catalogue);
    }

    private static bool TryLoadConfig(Dictionary<string, string> o, out LoadedConfig config, out string error)
    {
        config = default!;
        error = "";
        var file = o.GetValueOrDefault("--config") ?? Path.Combine(ConfigPaths.Root, "appsettings.json");
        if (!File.Exists(file)) { error = $"configuration file not found: {file}"; return false; }
        var root = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file)).AddEnvironmentVariables().Build();
        var dataDir = ConfigPaths.Resolve(root["Storage:DataDir"] ?? "data", Path.GetDirectoryName(Path.GetFullPath(file)));
        config = new LoadedConfig(root, new SqliteStoreOptions { DataDir = dataDir });
        return true;
    }
}
