using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Web.Hosting;

namespace SnsDashboard.Web.Tests.TestSupport;

/// <summary>The real dashboard host on a real loopback socket (for the browser tests), with its
/// own temporary data directory.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string DataDir { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    private RunningDashboard(WebApplication app, string dataDir, Uri baseAddress)
    {
        _app = app;
        DataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public static async Task<RunningDashboard> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("sns-e2e-").FullName;
        var overrides = new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in TestAccounts.Settings().Concat(settings ?? new Dictionary<string, string?>())) overrides[k] = v;
        var app = DashboardApp.Build(["--environment=Development"], overrides);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningDashboard(app, dataDir, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
