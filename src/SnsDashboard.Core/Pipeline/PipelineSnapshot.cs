using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Core.Pipeline;

/// <summary>The immutable reference data every stage reads: one glossary, gazetteer and registry
/// version. Replaced as a whole when any of them is published.</summary>
public sealed record PipelineSnapshot(GlossarySnapshot Glossary, Gazetteer Gazetteer, AccountRegistry Registry);

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
