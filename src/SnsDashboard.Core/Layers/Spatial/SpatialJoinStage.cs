using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>
/// The pipeline's spatial-join stage: a pure function of the post's location and the current
/// layer snapshot. Its result is stored in the analysis record (<c>analysis.spatial</c>), so the
/// details panel, filters and exports read what the pipeline decided instead of re-joining.
/// </summary>
public static class SpatialJoinStage
{
    /// <summary>Nearest shelters kept per post, and how far to look for them. "Within N m of a
    /// shelter" filters are exact for N up to this radius.</summary>
    public const int ShelterCount = 3;
    public const double ShelterRadiusMetres = 3_000;

    /// <summary>
    /// Null when the post is not placed or the layers are not loaded yet. A place known only to its municipality or prefecture is
    /// not joined to zones or shelters: its point is an office or a centroid, and "inside a
    /// landslide zone" drawn from it would be a wrong pin in another form. A municipality-level
    /// place still gets its municipality; a prefecture-level one gets an empty (joined) result.
    /// </summary>
    public static SpatialJoinResult? Join(PostLocation? location, SpatialContext context)
    {
        if (location is null || !context.IsLoaded) return null;
        switch (location.Level)
        {
            case LocationLevels.Exact or LocationLevels.Landmark or LocationLevels.Town:
                return context.Join(location.Lat, location.Lon, ShelterCount, ShelterRadiusMetres);
            case LocationLevels.Municipality:
                var m = context.Join(location.Lat, location.Lon, shelterCount: 0).Municipality;
                return m is null ? SpatialJoinResult.Empty : new SpatialJoinResult([], [], m);
            default:
                return SpatialJoinResult.Empty;
        }
    }

    /// <summary>Whether a location is precise enough for zone and shelter joins.</summary>
    public static bool JoinsZonesAndShelters(PostLocation location) =>
        location.Level is LocationLevels.Exact or LocationLevels.Landmark or LocationLevels.Town;

    /// <summary>The analysis with its spatial join filled in when it has none (a record stored
    /// before the stage existed). Used at the edges where stored posts are read.</summary>
    public static AnalysedPost WithJoin(AnalysedPost post, SpatialContext context) =>
        post.Analysis.Spatial is not null || post.Analysis.Location is null
            ? post
            : post with { Analysis = post.Analysis with { Spatial = Join(post.Analysis.Location, context) } };
}
