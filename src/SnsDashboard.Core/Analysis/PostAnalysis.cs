using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Analysis;

/// <summary>
/// What the pipeline concluded about one post (design.md §4.2). Offsets are UTF-16 code units
/// of the original post text.
/// </summary>
public sealed record PostAnalysis
{
    public bool Relevant { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Hazards { get; init; } = [];
    public IReadOnlyList<TermMatch> Matches { get; init; } = [];
    /// <summary>The exclusion that made the post irrelevant (e.g. "訓練"), or null.</summary>
    public string? ExcludedBy { get; init; }
    public PostLocation? Location { get; init; }
    /// <summary>Spatial joins against the layer catalogue at analysis time (hazard zones
    /// containing the post, nearest shelters, municipality). Null when the post is not placed,
    /// or in records written before the stage existed.</summary>
    public SnsDashboard.Core.Layers.Spatial.SpatialJoinResult? Spatial { get; init; }
    public ReliabilityGrade Reliability { get; init; } = ReliabilityGrade.Unknown;
    /// <summary>source_post_id of the earlier copy, if this post is a copy.</summary>
    public string? DuplicateOf { get; init; }
    public string? ClaimId { get; init; }
    public string ClaimStatus { get; init; } = ClaimStatuses.Unverified;

    public static PostAnalysis Empty { get; } = new();
}

public sealed record TermMatch(string Term, string Category, int Start, int Length);

public sealed record PostLocation
{
    public required double Lat { get; init; }
    public required double Lon { get; init; }
    /// <summary>exact | landmark | town | municipality | prefecture</summary>
    public required string Level { get; init; }
    public string? LgCode { get; init; }
    public string? Pref { get; init; }
    public string? City { get; init; }
    public string? Town { get; init; }
    public double Confidence { get; init; }
    /// <summary>geotag | place | text | profile</summary>
    public required string Source { get; init; }
    public IReadOnlyList<EvidenceSpan> Evidence { get; init; } = [];
    public IReadOnlyList<LocationAlternative> Alternatives { get; init; } = [];
}

public sealed record EvidenceSpan(string Text, int Start, int Length);

public sealed record LocationAlternative(string Name, string Level, string? LgCode, double Lat, double Lon, double Confidence);

/// <summary>Two-axis grade: source reliability A–F and information credibility 1–6.</summary>
public sealed record ReliabilityGrade(string Source, int Credibility, double Score, IReadOnlyList<string> Reasons)
{
    /// <summary>F6: every new social post starts here ("unknown", not "bad").</summary>
    public static ReliabilityGrade Unknown { get; } = new("F", 6, 0.0, []);
    public string Code => $"{Source}{Credibility}";
}

public static class LocationLevels
{
    public const string Exact = "exact";
    public const string Landmark = "landmark";
    public const string Town = "town";
    public const string Municipality = "municipality";
    public const string Prefecture = "prefecture";
}

public static class ClaimStatuses
{
    public const string Unverified = "unverified";
    public const string Corroborated = "corroborated";
    public const string Disputed = "disputed";
    public const string Debunked = "debunked";
    public const string Confirmed = "confirmed";
}

/// <summary>A post with its analysis, as stored and as pushed to live views.</summary>
public sealed record AnalysedPost(Post Post, PostAnalysis Analysis, DateTimeOffset IngestedAt);
