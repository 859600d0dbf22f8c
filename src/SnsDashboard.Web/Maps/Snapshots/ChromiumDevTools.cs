using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>
/// A throwaway headless Chromium driven over the DevTools protocol (CDP): one process, one page,
/// a private profile deleted on dispose. Only what snapshots need: cookies, navigate, evaluate,
/// screenshot, print to PDF. Commands run one at a time, so replies are read in order and
/// events are skipped.
/// </summary>
public sealed class ChromiumDevTools : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private ChromiumDevTools(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<ChromiumDevTools> StartAsync(string chromiumPath, int width, int height, bool ignoreCertificateErrors, CancellationToken ct)
    {
        if (!File.Exists(chromiumPath))
            throw new SnapshotException(SnapshotFailure.ChromiumMissing, $"Chromium not found at {chromiumPath} (apt-get install chromium fonts-noto-cjk, or set Map:Snapshot:ChromiumPath)");
        var profile = Directory.CreateTempSubdirectory("sns-snapshot-chromium-");
        var psi = new ProcessStartInfo(chromiumPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     "--mute-audio", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", $"--window-size={width},{height}" })
            psi.ArgumentList.Add(a);
        if (ignoreCertificateErrors) psi.ArgumentList.Add("--ignore-certificate-errors");
        psi.ArgumentList.Add("about:blank");
        Process process;
        try { process = Process.Start(psi) ?? throw new InvalidOperationException("no process"); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            profile.Delete(true);
            throw new SnapshotException(SnapshotFailure.ChromiumMissing, $"Chromium at {chromiumPath} could not be started: {e.Message}");
        }
        var devtools = new ChromiumDevTools(process, profile);
        try
        {
            _ = process.StandardOutput.ReadToEndAsync(ct);
            // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/<id>" on stderr.
            Uri? browserWs = null;
            while (browserWs is null)
            {
                var line = await process.StandardError.ReadLineAsync(ct)
                    ?? throw new SnapshotException(SnapshotFailure.Failed, $"Chromium at {chromiumPath} exited before opening DevTools");
                var at = line.IndexOf("ws://", StringComparison.Ordinal);
                if (line.StartsWith("DevTools listening on", StringComparison.Ordinal) && at >= 0) browserWs = new Uri(line[at..].Trim());
            }
            _ = DrainAsync(process.StandardError);
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync(new Uri(browserWs, "/json/list").ToString().Replace("ws://", "http://"), ct))!.AsArray();
            var pageWs = targets.FirstOrDefault(t => (string?)t?["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>()
                ?? throw new SnapshotException(SnapshotFailure.Failed, "Chromium opened no page");
            await devtools._socket.ConnectAsync(new Uri(pageWs), ct);
            return devtools;
        }
        catch
        {
            await devtools.DisposeAsync();
            throw;
        }
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try { while (await reader.ReadLineAsync() is not null) { } } catch (Exception) { }
    }

    /// <summary>Sends one command and returns its result; a CDP error becomes an exception.</summary>
    public async Task<JsonNode> SendAsync(string method, object? parameters, CancellationToken ct)
    {
        var id = ++_nextId;
        var request = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(request, WebSocketMessageType.Text, true, ct);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await _socket.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close) throw new SnapshotException(SnapshotFailure.Failed, "Chromium closed the DevTools connection");
                message.Write(buffer, 0, r.Count);
            } while (!r.EndOfMessage);
            var node = JsonNode.Parse(message.ToArray())!;
            if ((int?)node["id"] != id) continue; // an event
            if (node["error"] is { } error) throw new SnapshotException(SnapshotFailure.Failed, $"Chromium {method}: {error["message"]}");
            return node["result"] ?? new JsonObject();
        }
    }

    /// <summary>Evaluates a JS expression in the page and returns its value as text ("" for null).</summary>
    public async Task<string> EvaluateAsync(string expression, CancellationToken ct)
    {
        var r = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true }, ct);
        return r["result"]?["value"]?.ToString() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        try { _socket.Abort(); _socket.Dispose(); } catch (Exception) { }
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception) { }
        _process.Dispose();
        try { _profile.Delete(true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public enum SnapshotFailure { Busy, ChromiumMissing, Timeout, Failed }

/// <summary>A snapshot that could not be made, with a message an operator or admin can act on.</summary>
public sealed class SnapshotException(SnapshotFailure failure, string message) : Exception(message)
{
    public SnapshotFailure Failure { get; } = failure;
}
