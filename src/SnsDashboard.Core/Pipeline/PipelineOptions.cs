using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Core.Pipeline;

/// <summary>Configuration section "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Posts waiting for analysis before the overload policy applies.</summary>
    [Range(100, 10_000_000)] public int QueueCapacity { get; set; } = 50_000;

    /// <summary>Most posts analysed and stored as one batch (one store transaction).</summary>
    [Range(1, 100_000)] public int MaxBatchSize { get; set; } = 2_000;

    /// <summary>Analysed batches waiting for the store writer. Each one keeps its posts' analyses
    /// (and encoded rows) alive; a deep buffer lets them outlive young GC generations and get copied
    /// twice before they die (docs/benchmarks.md), while one batch already overlaps analysis and writing.</summary>
    [Range(1, 64)] public int StoreQueueBatches { get; set; } = 1;

    /// <summary>How many recent (source, source_post_id) keys the de-duplicator remembers.</summary>
    [Range(1_000, 50_000_000)] public int DedupWindow { get; set; } = 1_000_000;

    /// <summary>How long a live source may wait for space for a critical post (rescue request)
    /// before it is shed. Other live posts are shed at once when the queue is full.</summary>
    [Range(0, 60_000)] public int CriticalWaitMs { get; set; } = 2_000;

    /// <summary>Folder of the baseline glossary (relative to the configuration file).</summary>
    public string GlossaryDir { get; set; } = "keyword-glossary";
}
