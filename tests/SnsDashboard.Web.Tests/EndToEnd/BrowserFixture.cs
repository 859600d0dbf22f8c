using Microsoft.Playwright;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>
/// One dashboard (the embedded default: replay scenarios, SQLite) on a loopback socket and one
/// headless Debian Chromium, shared by the browser tests of a class. Chromium must be installed
/// (apt-get install chromium fonts-noto-cjk); a missing browser fails the tests, it does not
/// skip them.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static string ScreenshotDir { get; } = Path.Combine(ConfigPaths.Root, "test-output", "screenshots");

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;
    public RunningDashboard App { get; private set; } = default!;

    /// <summary>The dashboard's settings (a derived fixture may switch the replay off, the webhook on…).</summary>
    protected virtual IDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Sources:Replay:Speed"] = "300",
        ["Live:BatchIntervalMs"] = "250",
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        var settings = AppSettings;
        foreach (var (k, v) in await PrepareAsync()) settings[k] = v;
        App = await RunningDashboard.StartAsync(settings);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: apt-get install chromium fonts-noto-cjk");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Runs before the dashboard starts; returns extra settings (a derived fixture prepares files).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> PrepareAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    /// <summary>A fresh browser context, signed in through the demo buttons as <paramref name="role"/>
    /// (null: not signed in).</summary>
    public async Task<IPage> NewPageAsync(string? role = "operator")
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        // No network here: map tiles would only produce failed requests.
        await page.RouteAsync("https://cyberjapandata.gsi.go.jp/**", r => r.AbortAsync());
        page.Dialog += (_, d) => throw new InvalidOperationException("unexpected dialog: " + d.Message);
        if (role is not null) await TestAccounts.SignInAsync(page, App.BaseAddress, role);
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
