using System.Net.WebSockets;

namespace SnsDashboard.Sources.Live;

/// <summary>Opens the streaming WebSocket of a server whose base URL is http(s): same host and
/// port, ws(s) scheme, bearer token when configured, and a refusal turned into the status-aware
/// <see cref="SourceConnectionException"/> (so 401/429 take their own backoff ladder).</summary>
public static class StreamingSocket
{
    public static async Task<ClientWebSocket> ConnectAsync(string baseUrl, string path, string? token, string serverKind, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.CollectHttpResponseDetails = true;
        if (!string.IsNullOrEmpty(token)) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var b = new UriBuilder(baseUrl.TrimEnd('/') + path);
        b.Scheme = b.Scheme == "https" ? "wss" : "ws";
        if (b.Uri.IsDefaultPort) b.Port = -1;
        try
        {
            await socket.ConnectAsync(b.Uri, ct);
            return socket;
        }
        catch (WebSocketException) when ((int)socket.HttpStatusCode >= 400)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw SourceConnectionException.FromStatus(status, null, serverKind + " refused the streaming connection");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
