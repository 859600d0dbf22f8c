using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Core.Layers;

/// <summary>Configuration section "Layers:Limits": how much an uploaded file may cost the host.</summary>
public sealed class LayerImportLimits
{
    public const string Section = "Layers:Limits";

    /// <summary>Largest accepted file (bytes), before decompression.</summary>
    [Range(1, long.MaxValue)] public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most features in one layer.</summary>
    [Range(1, int.MaxValue)] public int MaxFeatures { get; set; } = 200_000;

    /// <summary>Most coordinates (positions) in one layer, over all features.</summary>
    [Range(1, long.MaxValue)] public long MaxPositions { get; set; } = 5_000_000;

    /// <summary>Most entries in a KMZ archive.</summary>
    [Range(1, int.MaxValue)] public int MaxArchiveEntries { get; set; } = 200;

    /// <summary>Largest total uncompressed size of a KMZ's entries (bytes).</summary>
    [Range(1, long.MaxValue)] public long MaxUncompressedBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Largest compression ratio of one KMZ entry; higher means a zip bomb.</summary>
    [Range(1, int.MaxValue)] public int MaxCompressionRatio { get; set; } = 100;
}
