using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Storage;

/// <summary>
/// A store whose write has a CPU part that needs no database (row values, JSON documents, search
/// text). The pipeline calls <see cref="Encode"/> on its analysis threads and passes the returned
/// batch to <see cref="IPostStore.AppendAsync"/>, so the single writer thread only binds and
/// executes, never waits for encoding. A store must still accept a batch that was not encoded.
/// </summary>
public interface IPostBatchEncoder
{
    /// <summary>Encodes <paramref name="batch"/> (may use several threads) and returns the same posts,
    /// in order, carrying the encoding for <see cref="IPostStore.AppendAsync"/>.</summary>
    IReadOnlyList<AnalysedPost> Encode(IReadOnlyList<AnalysedPost> batch);
}
