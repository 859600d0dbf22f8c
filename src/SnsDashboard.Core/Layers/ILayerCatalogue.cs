namespace SnsDashboard.Core.Layers;

/// <summary>One stored version of a layer: provenance, size, extent, and whether it is the
/// version shown on the map (the newest of its source).</summary>
public sealed record LayerRecord
{
    public required long Id { get; init; }
    public required string SourceKey { get; init; }
    public required int Version { get; init; }
    public required bool IsCurrent { get; init; }
    public required string Title { get; init; }
    public required string Theme { get; init; }
    public string SourceOrganisation { get; init; } = "";
    public string Licence { get; init; } = "";
    public string Attribution { get; init; } = "";
    public DateTimeOffset? CollectedAt { get; init; }
    public DateTimeOffset? ValidAt { get; init; }
    public required DateTimeOffset ImportedAt { get; init; }
    public required string Format { get; init; }
    public required string FileName { get; init; }
    public required int FeatureCount { get; init; }
    public double MinLon { get; init; }
    public double MinLat { get; init; }
    public double MaxLon { get; init; }
    public double MaxLat { get; init; }
}

/// <summary>
/// The layer catalogue. Adding a layer whose source key is already known stores it as the next
/// version; it becomes current unless it is older (valid-at) than the current one. Old versions
/// are kept as history. Each add is one transaction: a refused or failed import leaves nothing.
/// </summary>
public interface ILayerCatalogue
{
    Task InitialiseAsync(CancellationToken ct = default);
    Task<LayerRecord> AddAsync(ImportedLayer layer, DateTimeOffset importedAt, CancellationToken ct = default);
    /// <summary>Current versions only, or every version (history) when asked.</summary>
    Task<IReadOnlyList<LayerRecord>> ListAsync(bool includeHistory = false, CancellationToken ct = default);
    Task<LayerRecord?> GetAsync(long id, CancellationToken ct = default);
    /// <summary>The stored features as an RFC 7946 FeatureCollection (UTF-8 JSON), or null.</summary>
    Task<byte[]?> GetGeoJsonAsync(long id, CancellationToken ct = default);
    /// <summary>Changes which version of a source is current (undo a bad re-import).</summary>
    Task<bool> MakeCurrentAsync(long id, CancellationToken ct = default);
}
