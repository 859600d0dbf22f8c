using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Geo.Corrections;

/// <summary>
/// An analyst's correction of a post's location, kept apart from the automatic result (which is
/// never overwritten): what the resolver said, what the analyst set, who and when.
/// </summary>
public sealed record LocationCorrection(
    PostKey Post, double Lat, double Lon, string Level, string? LgCode, string Name,
    string? OriginalLevel, string? OriginalLgCode, string CorrectedBy, DateTimeOffset CorrectedAt)
{
    /// <summary>What the correction says about the resolver: unplaced, another prefecture, a
    /// prefecture-level result refined, another municipality, another place in the same
    /// municipality, or another level of the same place.</summary>
    public string Kind =>
        OriginalLevel is null ? "was_unplaced"
        : OriginalLgCode is null || LgCode is null || OriginalLgCode[..2] != LgCode[..2] ? "other_prefecture"
        : OriginalLevel == "prefecture" ? "refined"
        : OriginalLgCode != LgCode ? "other_municipality"
        : OriginalLevel == Level ? "same_municipality_moved" : "level_changed";
}

/// <summary>Counts of corrections by the resolver's original level and the kind of error.</summary>
public sealed record CorrectionStat(string OriginalLevel, string Kind, int Count);

public interface ILocationCorrectionStore
{
    Task SaveAsync(LocationCorrection correction, CancellationToken ct = default);
    /// <summary>The latest correction of a post, or null.</summary>
    Task<LocationCorrection?> GetAsync(PostKey post, CancellationToken ct = default);
    Task<IReadOnlyList<CorrectionStat>> StatisticsAsync(CancellationToken ct = default);
}
