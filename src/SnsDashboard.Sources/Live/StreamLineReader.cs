using System.Buffers;
using System.IO.Pipelines;

namespace SnsDashboard.Sources.Live;

/// <summary>
/// Splits an HTTP response body into lines ('\n', an optional '\r' before it is removed),
/// whatever the chunking: X's NDJSON and Server-Sent Events both say "parse by line, never by
/// chunk". A line longer than the limit is skipped to its end and reported as oversized.
/// </summary>
public sealed class StreamLineReader(Stream stream, int maxLineBytes)
{
    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    private bool _skipping;

    /// <summary>Calls <paramref name="onLine"/> for every complete line (empty lines included:
    /// they are keep-alives) and <paramref name="onOversized"/> for every line over the limit;
    /// <paramref name="afterRead"/> after every read that brought bytes (liveness, and the place
    /// to await what the synchronous line handler queued). Returns when the stream ends.</summary>
    public async Task ReadAllAsync(LineHandler onLine, Action onOversized, Func<ValueTask> afterRead, CancellationToken ct)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            var hadBytes = !buffer.IsEmpty;
            while (TryReadLine(ref buffer, out var line))
            {
                if (_skipping) { _skipping = false; onOversized(); continue; }
                if (line.Length > maxLineBytes) { onOversized(); continue; }
                Process(line, onLine);
            }
            if (buffer.Length > maxLineBytes)
            {
                // No newline within the limit: drop what we have and skip to the next newline.
                _skipping = true;
                buffer = buffer.Slice(buffer.End);
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (hadBytes) await afterRead().ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled) break;
        }
        await _reader.CompleteAsync().ConfigureAwait(false);
    }

    private static void Process(ReadOnlySequence<byte> line, LineHandler onLine)
    {
        if (line.IsSingleSegment) { onLine(Trim(line.FirstSpan)); return; }
        var rented = ArrayPool<byte>.Shared.Rent((int)line.Length);
        try
        {
            line.CopyTo(rented);
            onLine(Trim(rented.AsSpan(0, (int)line.Length)));
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null) { line = default; return false; }
        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }
}

public delegate void LineHandler(ReadOnlySpan<byte> line);
