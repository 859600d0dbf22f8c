using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Tests.TestSupport;

/// <summary>A store double for pipeline tests; can be told to fail the next N writes.</summary>
internal sealed class InMemoryPostStore : IPostStore
{
    private readonly List<AnalysedPost> _posts = [];
    private readonly Lock _lock = new();
    public int FailNextWrites;
    public int WriteAttempts;

    public IReadOnlyList<AnalysedPost> Posts { get { lock (_lock) return [.. _posts]; } }

    public Task InitialiseAsync(CancellationToken ct = default) => Task.CompletedTask;

    public Task<int> AppendAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct = default)
    {
        lock (_lock)
        {
            WriteAttempts++;
            if (FailNextWrites > 0) { FailNextWrites--; throw new IOException("disk full (simulated)"); }
            _posts.AddRange(batch);
            return Task.FromResult(batch.Count);
        }
    }

    public Task<IReadOnlyList<AnalysedPost>> QueryAsync(PostQuery query, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<AnalysedPost>>(Posts.OrderByDescending(p => p.Post.CreatedAt).Take(query.Limit).ToList());

    public Task<long> CountAsync(PostQuery query, CancellationToken ct = default) => Task.FromResult((long)Posts.Count);
    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct = default) => Task.FromResult(0);
    public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) =>
        Task.FromResult(new StoreStats(Posts.Count, 0, 0, null, null, 1, "memory"));
}
