namespace SnsDashboard.Core.Geo;

/// <summary>An immutable gazetteer snapshot: prefectures, municipalities, towns, landmarks.</summary>
public sealed class Gazetteer
{
    public required string Version { get; init; }
}
