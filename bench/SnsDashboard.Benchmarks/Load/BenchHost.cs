using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Web.Hosting;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>The real dashboard on a loopback port with its own temporary data folder and replay
/// off, plus the headless Debian Chromium the browser benchmarks drive.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required string BaseUrl { get; init; }
    public required string DataDir { get; init; }

    public static async Task<BenchHost> StartAsync(string prefix, IDictionary<string, string?>? settings = null)
    {
        var dataDir = Directory.CreateTempSubdirectory(prefix).FullName;
        var overrides = new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            ["Urls"] = "http://127.0.0.1:0",
            ["Sources:Replay:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) overrides[k] = v;
        var app = DashboardApp.Build(["--environment=Development"], overrides);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost { App = app, BaseUrl = baseUrl, DataDir = dataDir };
    }

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright pw) => pw.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>Signs the page in with the demo operator account (the host runs on loopback, where
    /// the demo accounts are on): every data page needs a signed-in user.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl.TrimEnd('/') + "/signin");
        await page.GetByTestId("demo-operator").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, true);
    }
}
