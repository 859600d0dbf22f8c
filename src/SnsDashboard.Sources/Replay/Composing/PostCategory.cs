namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>A kind of organic post: its templates, where it happens and how often.</summary>
internal sealed record PostCategory(string Name, string[] Templates, IReadOnlyList<Place> Places, double Weight)
{
    public bool IsRescue { get; init; }
    public double ImageChance { get; init; }
    public double GeoChance { get; init; } = 0.05;
    public double RepostChance { get; init; } = 0.06;
    public string Lang { get; init; } = "ja";
}
