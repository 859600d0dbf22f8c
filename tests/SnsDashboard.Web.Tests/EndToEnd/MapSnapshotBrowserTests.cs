using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Maps;
using static SnsDashboard.Web.Tests.EndToEnd.MapLayersTests;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>
/// Issue 6 item 6 end to end: an operator presses "スナップショット" on the live map with a layer
/// visible; the host renders the view in its own headless Chromium and offers a PNG and a
/// one-page A4 PDF. Copies: test-output/screenshots/map-snapshot.png|pdf.
/// </summary>
public class MapSnapshotBrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Operator_takes_a_server_side_snapshot_of_the_current_view_as_png_and_pdf()
    {
        var catalogue = fx.App.Services.GetRequiredService<ILayerCatalogue>();
        var fixture = Path.Combine(ConfigPaths.Root, "tests", "SnsDashboard.Web.Tests", "EndToEnd", "Fixtures", "mashiki-demo-zone.geojson");
        await using (var s = File.OpenRead(fixture))
            await catalogue.AddAsync(LayerImporter.Import(fixture, s, new()
            {
                Title = "浸水テスト<img src=x onerror=alert(1)>", Theme = LayerThemes.Hazard,
                Attribution = "テスト出典<b>太字</b>", Licence = "CC BY 4.0", ValidAt = new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.FromHours(9)),
            }, new LayerImportLimits()), DateTimeOffset.UtcNow);
        await fx.App.Services.GetRequiredService<SpatialContextHolder>().RebuildAsync();
        var layer = (await catalogue.ListAsync()).Single(l => l.Title.StartsWith("浸水テスト", StringComparison.Ordinal));

        var page = await fx.NewPageAsync();
        await GotoMapAsync(page, fx.App.BaseAddress);
        await WaitForAsync(async () => await DataIntAsync(page, "data-marker-count") > 20, 90_000, "markers");
        await page.Locator($"[data-testid=layer-toggle-{layer.Id}]").CheckAsync();
        await WaitForAsync(async () => await DataIntAsync(page, "data-visible-layers") == 1, 10_000, "layer visible");
        await page.EvaluateAsync("() => { document.querySelector('#live-map')._state.map.setView([32.79, 130.80], 12, { animate: false }); return 0; }");

        await page.Locator("[data-testid=snapshot-button]").ClickAsync();
        var links = page.Locator("[data-testid=snapshot-links]");
        var error = page.Locator("[data-testid=snapshot-error]");
        await WaitForAsync(async () => await links.IsVisibleAsync() || await error.IsVisibleAsync(), 120_000, "snapshot result");
        Assert.False(await error.IsVisibleAsync(), await error.IsVisibleAsync() ? await error.InnerTextAsync() : "");
        await ShotAsync(page, "map-snapshot-button");

        var png = await DownloadAsync(page, "[data-testid=snapshot-png]");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(1123, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(794, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 40_000, $"PNG of {png.Length} bytes is too small to hold a drawn map");
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotDir, "map-snapshot.png"), png);

        var pdf = await DownloadAsync(page, "[data-testid=snapshot-pdf]");
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Single(Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)"));
        Assert.True(pdf.Length > 20_000, $"PDF of {pdf.Length} bytes");
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotDir, "map-snapshot.pdf"), pdf);

        // Both files are kept in the host's snapshot folder.
        var kept = Directory.GetFiles(Path.Combine(fx.App.DataDir, "snapshots")).Select(Path.GetExtension).Order().ToList();
        Assert.Equal([".pdf", ".png"], kept);
        await page.Context.CloseAsync();
    }

    private async Task<byte[]> DownloadAsync(IPage page, string selector)
    {
        var href = await page.Locator(selector).GetAttributeAsync("href") ?? throw new InvalidOperationException("no link " + selector);
        var response = await page.Context.APIRequest.GetAsync(fx.App.BaseAddress + href);
        Assert.True(response.Ok, $"{href}: HTTP {response.Status}");
        return await response.BodyAsync();
    }
}
