using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Ingest;

/// <summary>A stream of posts from outside (replay file, X, Bluesky, …). A source runs until
/// cancelled and offers every post to the sink; it reports its own health.</summary>
public interface IPostSource
{
    string Name { get; }
    SourceHealth Health { get; }
    Task RunAsync(IIngestSink sink, CancellationToken ct);
}

/// <summary>The entrance of the pipeline.</summary>
public interface IIngestSink
{
    /// <summary>Offers a post. <paramref name="mode"/> says what the source can tolerate when
    /// the pipeline is full: a file replay can wait; a live stream cannot stall its socket.</summary>
    ValueTask<IngestResult> OfferAsync(Post post, OfferMode mode, CancellationToken ct);

    /// <summary>Counts a line/message the source could not turn into a post.</summary>
    void ReportRejected(string source, string reason);
}

public enum OfferMode
{
    /// <summary>Wait for space (lossless backpressure): replay files, batch imports.</summary>
    Wait,
    /// <summary>Never block for long: live streams. Posts are shed when the queue is full.</summary>
    NoWait,
}

public enum IngestResult { Accepted, Duplicate, Shed, Rejected }
