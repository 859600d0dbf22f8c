using System.Buffers;
using System.Net.WebSockets;

namespace SnsDashboard.Sources.Live;

/// <summary>What one read from a WebSocket produced.</summary>
public enum FrameKind { Text, Binary, Oversized, Closed }

/// <summary>
/// Reassembles WebSocket messages (a message may arrive in many frames) into one reusable
/// buffer, up to a size limit. An oversized message is read to its end and discarded, so the
/// connection stays usable. Not thread-safe; one per connection.
/// </summary>
public sealed class WebSocketMessageReader(WebSocket socket, int maxMessageBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;

    /// <summary>The last message read (valid until the next read).</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    public async ValueTask<FrameKind> ReadAsync(CancellationToken ct)
    {
        _length = 0;
        var oversized = false;
        while (true)
        {
            if (_length == _buffer.Length && !oversized)
            {
                if (_buffer.Length >= maxMessageBytes) { oversized = true; _length = 0; }
                else Grow();
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(_length), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return FrameKind.Closed;
            if (oversized) _length = 0; // keep draining into the same space
            else _length += result.Count;
            if (_length > maxMessageBytes) { oversized = true; _length = 0; }
            if (result.EndOfMessage)
            {
                if (oversized) { _length = 0; return FrameKind.Oversized; }
                return result.MessageType == WebSocketMessageType.Text ? FrameKind.Text : FrameKind.Binary;
            }
        }
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, Math.Max(maxMessageBytes, 16 * 1024) + 1));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
