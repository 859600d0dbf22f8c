using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Reliability.Learning;

namespace SnsDashboard.Core.Pipeline;

/// <summary>The immutable reference data every stage reads: one glossary, gazetteer and registry
/// version. Replaced as a whole when any of them is published.</summary>
public sealed record PipelineSnapshot(GlossarySnapshot Glossary, Gazetteer Gazetteer, AccountRegistry Registry)
{
    /// <summary>Operators' confirmed/false marks per author (the "past history" signal).</summary>
    public AuthorTrackRecords TrackRecords { get; init; } = AuthorTrackRecords.Empty;

    /// <summary>The learned score adjustment, or the rule-based grade alone (the default and the fallback).</summary>
    public ScoreModel Model { get; init; } = ScoreModel.RuleBased;

    /// <summary>The static layers for spatial joins (hazard zones, shelters, municipalities);
    /// replaced when the layer catalogue changes.</summary>
    public SnsDashboard.Core.Layers.Spatial.SpatialContext Spatial { get; init; } = SnsDashboard.Core.Layers.Spatial.SpatialContext.NotLoaded;
}

/// <summary>Holds the current snapshot; publishers swap it atomically, the pipeline never locks.</summary>
public sealed class SnapshotHolder(PipelineSnapshot initial)
{
    private PipelineSnapshot _current = initial;

    public PipelineSnapshot Current => Volatile.Read(ref _current);

    public void Publish(PipelineSnapshot snapshot) => Volatile.Write(ref _current, snapshot);

    /// <summary>Replaces one part of the snapshot (e.g. the glossary) without losing a concurrent
    /// publish of another part: compare-and-swap, retried until it applies to the latest snapshot.</summary>
    public PipelineSnapshot Update(Func<PipelineSnapshot, PipelineSnapshot> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            var next = change(current);
            if (Interlocked.CompareExchange(ref _current, next, current) == current) return next;
        }
    }
}
