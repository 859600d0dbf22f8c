using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Storage;

/// <summary>
/// Where analysed posts live. SQLite is the embedded default; a PostgreSQL implementation
/// comes later behind the same interface. Implementations must be safe for one writer and
/// many concurrent readers.
/// </summary>
public interface IPostStore
{
    /// <summary>Creates or migrates the schema. Idempotent.</summary>
    Task InitialiseAsync(CancellationToken ct = default);

    /// <summary>Appends a batch in one transaction. Posts whose (source, source_post_id) is
    /// already stored are ignored, unless the new copy has a newer edited_at, which replaces
    /// it. Returns how many rows were inserted or replaced.</summary>
    Task<int> AppendAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AnalysedPost>> QueryAsync(PostQuery query, CancellationToken ct = default);

    Task<long> CountAsync(PostQuery query, CancellationToken ct = default);

    /// <summary>Deletes posts created before the cutoff (retention). Returns rows deleted.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct = default);

    Task<StoreStats> GetStatsAsync(CancellationToken ct = default);
}

/// <summary>A query by time window, bounding box, category and other filters. Null = any.</summary>
public sealed record PostQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public GeoBounds? Bounds { get; init; }
    /// <summary>Any of these categories.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Any of these hazards.</summary>
    public IReadOnlyList<string>? Hazards { get; init; }
    public IReadOnlyList<string>? Sources { get; init; }
    /// <summary>Source-reliability letters to include (e.g. A, B, C).</summary>
    public IReadOnlyList<string>? Grades { get; init; }
    public bool? Relevant { get; init; }
    /// <summary>Only posts that have a location.</summary>
    public bool LocatedOnly { get; init; }
    /// <summary>Any of these location levels (<see cref="Analysis.LocationLevels"/>).</summary>
    public IReadOnlyList<string>? LocationLevels { get; init; }
    /// <summary>Substring of the post text.</summary>
    public string? Text { get; init; }
    public int Limit { get; init; } = 500;
}

public readonly record struct GeoBounds(double South, double West, double North, double East)
{
    public bool Contains(double lat, double lon) => lat >= South && lat <= North && lon >= West && lon <= East;
}

public sealed record StoreStats(long PostCount, long LocatedCount, long FileSizeBytes, DateTimeOffset? Oldest, DateTimeOffset? Newest, int SchemaVersion, string Description);
