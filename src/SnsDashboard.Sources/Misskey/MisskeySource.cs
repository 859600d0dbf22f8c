using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Sources.Live;

namespace SnsDashboard.Sources.Misskey;

/// <summary>
/// One Misskey server (protocols.md §4): a WebSocket to <c>/streaming</c> (Bearer token when
/// configured), one <c>connect</c> per configured channel with <c>pong:true</c> so an ignored
/// channel is noticed, notes from <c>channel</c> events. Misskey has no stream cursor and this
/// connector does not backfill, so every disconnect is reported as a gap.
/// </summary>
public sealed class MisskeySource : LiveSource
{
    private readonly MisskeyServerOptions _options;
    private readonly ConcurrentDictionary<string, bool> _confirmed = new(StringComparer.Ordinal);
    private static readonly JsonDocumentOptions DocOptions = new() { MaxDepth = 48 };

    public MisskeySource(MisskeyServerOptions options, ILogger<MisskeySource>? logger = null, TimeProvider? time = null)
        : base("misskey:" + options.Host, options, options.BaseUrl.TrimEnd('/') + "/streaming", logger ?? (ILogger)NullLogger.Instance, time)
    {
        _options = options;
    }

    /// <summary>Channels the server confirmed on the current connection.</summary>
    public IReadOnlyCollection<string> ConfirmedChannels => _confirmed.Where(kv => kv.Value).Select(kv => kv.Key).ToList();

    protected override Task OnReconnectedAsync(DateTimeOffset disconnectedAt, CancellationToken ct)
    {
        Health.GapReported($"{Jst(disconnectedAt)}–{Jst(Time.GetUtcNow())}: Misskey has no stream cursor; notes of this period were not fetched");
        return Task.CompletedTask;
    }

    protected override async Task RunConnectionAsync(CancellationToken ct)
    {
        using var watchdog = new StallWatchdog(_options.StallTimeout, Time, ct);
        using var socket = await StreamingSocket.ConnectAsync(_options.BaseUrl, "/streaming", _options.Token, "Misskey", watchdog.Token);
        _confirmed.Clear();
        for (var i = 0; i < _options.Channels.Count; i++)
        {
            var id = "ch-" + i;
            _confirmed[id] = false;
            await socket.SendAsync(ConnectMessage(_options.Channels[i], id), WebSocketMessageType.Text, true, watchdog.Token);
        }
        await MarkConnected(ct);
        var confirmBy = Time.GetUtcNow().AddSeconds(_options.ConfirmSeconds);
        var warned = false;
        await ReadTextFramesAsync(socket, watchdog, _options.MaxMessageBytes, async message =>
        {
            await HandleAsync(message, ct);
            if (!warned && Time.GetUtcNow() > confirmBy && _confirmed.Any(kv => !kv.Value))
            {
                warned = true;
                var missing = string.Join(", ", _confirmed.Where(kv => !kv.Value).Select(kv => _options.Channels[int.Parse(kv.Key[3..])]));
                Health.SetState(SourceStates.Running, $"channel not confirmed by the server (not allowed or needs a token?): {missing}");
                Logger.LogWarning("{Source}: channels not confirmed: {Channels}", Name, missing);
            }
        }, ct);
    }

    private static byte[] ConnectMessage(string channel, string id)
    {
        var (name, parameters) = channel.StartsWith("antenna:", StringComparison.Ordinal)
            ? ("antenna", new JsonObject { ["antennaId"] = channel["antenna:".Length..] })
            : (channel, new JsonObject { ["withRenotes"] = true, ["withFiles"] = false });
        var msg = new JsonObject { ["type"] = "connect", ["body"] = new JsonObject { ["channel"] = name, ["id"] = id, ["params"] = parameters, ["pong"] = true } };
        return Encoding.UTF8.GetBytes(msg.ToJsonString());
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        try
        {
            using var doc = JsonDocument.Parse(message, DocOptions);
            var root = doc.RootElement;
            var type = MisskeyNoteMapper.Str(root, "type");
            var body = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("body", out var bd) ? bd : default;
            switch (type)
            {
                case "connected":
                    if (MisskeyNoteMapper.Str(body, "id") is { } cid && _confirmed.ContainsKey(cid)) _confirmed[cid] = true;
                    Health.Activity(Time.GetUtcNow());
                    return;
                case "channel":
                    if (MisskeyNoteMapper.Str(body, "type") != "note") { Drop("ignored_event"); return; }
                    if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("body", out var note)) { Reject("malformed", "channel event without note"); return; }
                    var post = MisskeyNoteMapper.Map(note, _options.Host, Time.GetUtcNow(), out var error);
                    if (post is null) { Reject("invalid_note", error); return; }
                    await OfferAsync(post, ct);
                    return;
                case null:
                    Reject("malformed", "frame without type");
                    return;
                default:
                    Drop("unknown_event");
                    return;
            }
        }
        catch (JsonException e) { Reject("malformed", e.Message); }
    }
}
