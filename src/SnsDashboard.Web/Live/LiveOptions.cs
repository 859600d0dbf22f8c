using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Web.Live;

/// <summary>Configuration section "Live".</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often each subscriber receives its batch (a few per second, never one per post).</summary>
    [Range(50, 10_000)] public int BatchIntervalMs { get; set; } = 250;

    /// <summary>Most posts buffered per subscriber between flushes; beyond that the oldest are
    /// dropped for that subscriber only (they remain in the store) and counted.</summary>
    [Range(100, 1_000_000)] public int MaxPendingPerSubscriber { get; set; } = 20_000;
}
