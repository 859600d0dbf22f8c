using Microsoft.Extensions.Options;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Web.Hosting;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>A finished snapshot: the files and the time the print page stamped on them.</summary>
public sealed record MapSnapshotResult(string Id, DateTimeOffset TakenAt, string PngPath, string PdfPath);

/// <summary>
/// Renders the internal print page (<c>/map/snapshot/print</c>) of a map view in a throwaway
/// headless Chromium, as the operator who asked (their cookies), into a PNG and an A4-landscape
/// PDF under the snapshot folder. Bounded: one snapshot at a time (a second request is refused,
/// not queued), a total timeout, and the Chromium process is always killed afterwards.
/// </summary>
public sealed class MapSnapshotService(IOptions<MapSnapshotOptions> options, IOptions<StorageOptions> storage, ILogger<MapSnapshotService> logger)
{
    /// <summary>A4 landscape at 96 dpi: the print page is laid out for exactly this sheet.</summary>
    public const int Width = 1123, Height = 794;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string OutputDir => ConfigPaths.Resolve(options.Value.OutputDir.Length > 0
        ? options.Value.OutputDir : Path.Combine(storage.Value.DataDir, "snapshots"));

    /// <summary>The stored file of snapshot <paramref name="id"/> (png or pdf), or null. Ids are
    /// checked against their generated shape, so no path can be smuggled in.</summary>
    public string? FileOf(string id, string extension)
    {
        if (extension is not ("png" or "pdf") || !IsId(id)) return null;
        var path = Path.Combine(OutputDir, $"map-{id}.{extension}");
        return File.Exists(path) ? path : null;
    }

    private static bool IsId(string id) =>
        id.Length == 24 && id[8] == '-' && id[15] == '-' && id.All(c => char.IsAsciiDigit(c) || c is '-' || char.IsAsciiHexDigitLower(c));

    public async Task<MapSnapshotResult> TakeAsync(Uri printPage, IReadOnlyList<KeyValuePair<string, string>> cookies, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct))
            throw new SnapshotException(SnapshotFailure.Busy, "another map snapshot is being made; try again in a few seconds");
        var o = options.Value;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
            try
            {
                return await RenderAsync(o, printPage, cookies, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new SnapshotException(SnapshotFailure.Timeout, $"the map snapshot took longer than {o.TimeoutSeconds} s (Map:Snapshot:TimeoutSeconds) and was stopped");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MapSnapshotResult> RenderAsync(MapSnapshotOptions o, Uri printPage, IReadOnlyList<KeyValuePair<string, string>> cookies, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var chromium = await ChromiumDevTools.StartAsync(o.ChromiumPath, Width, Height, printPage.Scheme == Uri.UriSchemeHttps, ct);
        var origin = printPage.GetLeftPart(UriPartial.Authority);
        foreach (var (name, value) in cookies)
            await chromium.SendAsync("Network.setCookie", new { name, value, url = origin }, ct);
        await chromium.SendAsync("Emulation.setDeviceMetricsOverride", new { width = Width, height = Height, deviceScaleFactor = 1, mobile = false }, ct);
        await chromium.SendAsync("Page.navigate", new { url = printPage.ToString() }, ct);

        // The print page sets body[data-snapshot-state] to "ready" once base, layers and posts are drawn.
        const string State = "(() => location.pathname.endsWith('/map/snapshot/print') ? (document.body?.dataset.snapshotState ?? '') : 'wrong-page:' + location.pathname)()";
        string state;
        while ((state = await chromium.EvaluateAsync(State, ct)) is "" or "loading")
            await Task.Delay(200, ct);
        if (state.StartsWith("wrong-page:", StringComparison.Ordinal))
            throw new SnapshotException(SnapshotFailure.Failed, $"the print page was not shown (Chromium ended at {state[11..]}; signed out?)");
        if (state != "ready") throw new SnapshotException(SnapshotFailure.Failed, "the print page failed: " + state);
        var takenAt = DateTimeOffset.TryParse(await chromium.EvaluateAsync("document.querySelector('[data-taken-at]').dataset.takenAt", ct), out var t) ? t : DateTimeOffset.UtcNow;

        var png = Convert.FromBase64String((await chromium.SendAsync("Page.captureScreenshot", new { format = "png" }, ct))["data"]!.GetValue<string>());
        var pdf = Convert.FromBase64String((await chromium.SendAsync("Page.printToPDF", new
        {
            landscape = true, printBackground = true, preferCSSPageSize = true,
            marginTop = 0, marginBottom = 0, marginLeft = 0, marginRight = 0,
        }, ct))["data"]!.GetValue<string>());

        Directory.CreateDirectory(OutputDir);
        var id = $"{takenAt.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
        var result = new MapSnapshotResult(id, takenAt, Path.Combine(OutputDir, $"map-{id}.png"), Path.Combine(OutputDir, $"map-{id}.pdf"));
        await File.WriteAllBytesAsync(result.PngPath, png, ct);
        await File.WriteAllBytesAsync(result.PdfPath, pdf, ct);
        Prune(o.KeepFiles);
        logger.LogInformation("Map snapshot {Id}: {PngBytes} B PNG, {PdfBytes} B PDF in {Ms} ms", id, png.Length, pdf.Length, started.ElapsedMilliseconds);
        return result;
    }

    private void Prune(int keep)
    {
        foreach (var old in new DirectoryInfo(OutputDir).GetFiles("map-*.*").OrderByDescending(f => f.Name).Skip(keep))
            try { old.Delete(); } catch (IOException) { }
    }
}
