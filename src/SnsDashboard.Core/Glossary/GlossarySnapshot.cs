namespace SnsDashboard.Core.Glossary;

/// <summary>An immutable, compiled glossary version. Swapped atomically when analysts publish.</summary>
public sealed class GlossarySnapshot
{
    public required string Version { get; init; }
}
