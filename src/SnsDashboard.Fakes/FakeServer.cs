using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SnsDashboard.Fakes;

/// <summary>
/// A Kestrel server on 127.0.0.1 that speaks one source protocol. Subclasses map their endpoints
/// and turn posts into wire messages; this class keeps the connections, broadcasts messages to
/// them and applies the <see cref="FakeBehaviour"/> (split, duplicate, silence, refuse, cut).
/// </summary>
public abstract class FakeServer : IAsyncDisposable
{
    private readonly List<Connection> _connections = [];
    private readonly Lock _lock = new();
    private WebApplication? _app;
    private int _accepted;

    public FakeBehaviour Behaviour { get; } = new();
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");
    /// <summary>Connections accepted since start.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _accepted);
    public int ActiveConnections { get { lock (_lock) return _connections.Count; } }
    /// <summary>Request paths with query of every connection attempt, for resume assertions.</summary>
    public List<string> ConnectRequests { get; } = [];

    public async Task<FakeServer> StartAsync(int port = 0, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Limits.MaxRequestBodySize = 10 * 1024 * 1024).UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        Map(app);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
        _app = app;
        return this;
    }

    protected abstract void Map(WebApplication app);

    /// <summary>Sends a raw wire message (any bytes: garbage, invalid UTF-8, bombs) to every connection.</summary>
    public void BroadcastRaw(byte[] message, Func<object?, bool>? filter = null)
    {
        lock (_lock)
            foreach (var c in _connections)
                if (filter is null || filter(c.State)) c.Outbox.Writer.TryWrite(message);
    }

    /// <summary>Lets a protocol write a message shaped for each connection (its subscriptions, its transport).</summary>
    protected void ForEachConnection(Action<Connection> send)
    {
        lock (_lock) foreach (var c in _connections) send(c);
    }

    /// <summary>Aborts every open connection (a network cut).</summary>
    public void DropConnections()
    {
        lock (_lock) foreach (var c in _connections) c.Abort.Cancel();
    }

    /// <summary>Registers a connection; the returned object carries its outbox. Dispose to unregister.</summary>
    protected Connection Register(object? state, CancellationToken requestAborted)
    {
        var c = new Connection(this, state, requestAborted);
        lock (_lock) _connections.Add(c);
        Interlocked.Increment(ref _accepted);
        return c;
    }

    /// <summary>If the behaviour says so, answers the request with the refusal status and returns true.</summary>
    protected async Task<bool> RefuseAsync(HttpContext http)
    {
        lock (ConnectRequests) ConnectRequests.Add(http.Request.Path + http.Request.QueryString);
        if (!Behaviour.TakeRefusal()) return false;
        http.Response.StatusCode = Behaviour.RefuseStatus;
        if (Behaviour.RetryAfterSeconds > 0) http.Response.Headers.RetryAfter = Behaviour.RetryAfterSeconds.ToString();
        await http.Response.WriteAsync($"{{\"error\":\"refused by the fake ({Behaviour.RefuseStatus})\"}}");
        return true;
    }

    /// <summary>Pumps a connection's outbox into a WebSocket as text frames until either side ends.</summary>
    protected async Task PumpWebSocketAsync(WebSocket socket, Connection c)
    {
        var ct = c.Abort.Token;
        var receive = DrainIncomingAsync(socket, c, ct);
        try
        {
            await foreach (var message in c.Outbox.Reader.ReadAllAsync(ct))
            {
                while (Behaviour.Silent) await Task.Delay(20, ct);
                var copies = Behaviour.DuplicateMessages ? 2 : 1;
                for (var i = 0; i < copies; i++)
                {
                    if (Behaviour.TakeMidMessageDisconnect())
                    {
                        await socket.SendAsync(message.AsMemory(0, message.Length / 2), WebSocketMessageType.Text, false, ct);
                        socket.Abort();
                        return;
                    }
                    if (Behaviour.SplitMessages)
                        for (var at = 0; at < message.Length; at += 7)
                        {
                            var n = Math.Min(7, message.Length - at);
                            await socket.SendAsync(message.AsMemory(at, n), WebSocketMessageType.Text, at + n >= message.Length, ct);
                        }
                    else await socket.SendAsync(message, WebSocketMessageType.Text, true, ct);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException) { }
        finally
        {
            if (ct.IsCancellationRequested) socket.Abort();
        }
        await receive;
    }

    /// <summary>Client → server frames (subscriptions); subclasses react in <see cref="OnClientMessageAsync"/>.</summary>
    private async Task DrainIncomingAsync(WebSocket socket, Connection c, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close) { c.Abort.Cancel(); return; }
                if (r.EndOfMessage) await OnClientMessageAsync(c, buffer.AsMemory(0, r.Count));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException) { }
        c.Abort.Cancel();
    }

    protected virtual Task OnClientMessageAsync(Connection c, ReadOnlyMemory<byte> message) => Task.CompletedTask;

    /// <summary>Pumps the outbox into a chunked HTTP response, with a keep-alive written after
    /// <paramref name="keepAliveEvery"/> of silence.</summary>
    protected async Task PumpHttpAsync(HttpResponse response, Connection c, byte[] keepAlive, TimeSpan keepAliveEvery)
    {
        var ct = c.Abort.Token;
        try
        {
            await response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                tick.CancelAfter(keepAliveEvery);
                byte[] message;
                try { message = await c.Outbox.Reader.ReadAsync(tick.Token); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    if (!Behaviour.Silent) { await response.Body.WriteAsync(keepAlive, ct); await response.Body.FlushAsync(ct); }
                    continue;
                }
                while (Behaviour.Silent) await Task.Delay(20, ct);
                var copies = Behaviour.DuplicateMessages ? 2 : 1;
                for (var i = 0; i < copies; i++)
                {
                    if (Behaviour.TakeMidMessageDisconnect())
                    {
                        await response.Body.WriteAsync(message.AsMemory(0, message.Length / 2), ct);
                        await response.Body.FlushAsync(ct);
                        response.HttpContext.Abort();
                        return;
                    }
                    if (Behaviour.SplitMessages)
                        for (var at = 0; at < message.Length; at += 7)
                        {
                            await response.Body.WriteAsync(message.AsMemory(at, Math.Min(7, message.Length - at)), ct);
                            await response.Body.FlushAsync(ct);
                        }
                    else { await response.Body.WriteAsync(message, ct); }
                }
                // Flush when the outbox is empty: bursts go out in few chunks, single posts at once.
                if (!c.Outbox.Reader.TryPeek(out _)) await response.Body.FlushAsync(ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException) { }
        if (c.Abort.IsCancellationRequested && !c.RequestAborted.IsCancellationRequested) response.HttpContext.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        DropConnections();
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    public sealed class Connection : IDisposable
    {
        private readonly FakeServer _owner;

        internal Connection(FakeServer owner, object? state, CancellationToken requestAborted)
        {
            _owner = owner;
            State = state;
            RequestAborted = requestAborted;
            Abort = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        }

        public object? State { get; set; }
        public CancellationToken RequestAborted { get; }
        public CancellationTokenSource Abort { get; }
        public Channel<byte[]> Outbox { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

        public void Dispose()
        {
            lock (_owner._lock) _owner._connections.Remove(this);
            Outbox.Writer.TryComplete();
            Abort.Dispose();
        }
    }
}
