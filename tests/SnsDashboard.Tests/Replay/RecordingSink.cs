using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Tests.Replay;

/// <summary>An ingest sink that records what it was offered, and when (by the test clock).</summary>
internal sealed class RecordingSink(TimeProvider time) : IIngestSink
{
    private readonly object _gate = new();
    public List<(Post Post, OfferMode Mode, DateTimeOffset At)> Offered { get; } = [];
    public List<(string Source, string Reason)> Rejected { get; } = [];

    public int Count { get { lock (_gate) return Offered.Count; } }

    public ValueTask<IngestResult> OfferAsync(Post post, OfferMode mode, CancellationToken ct)
    {
        lock (_gate) Offered.Add((post, mode, time.GetUtcNow()));
        return ValueTask.FromResult(IngestResult.Accepted);
    }

    public void ReportRejected(string source, string reason)
    {
        lock (_gate) Rejected.Add((source, reason));
    }
}
