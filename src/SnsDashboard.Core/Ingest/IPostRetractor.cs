using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Ingest;

/// <summary>What a source calls when the author deleted a post: it must disappear from views
/// and exports. Implementations never throw into the source.</summary>
public interface IPostRetractor
{
    ValueTask RetractAsync(PostKey key, CancellationToken ct);
}

/// <summary>For sources running without a store (tests, benchmarks): remembers nothing.</summary>
public sealed class NoRetraction : IPostRetractor
{
    public static readonly NoRetraction Instance = new();
    public ValueTask RetractAsync(PostKey key, CancellationToken ct) => ValueTask.CompletedTask;
}
