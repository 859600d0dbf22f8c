using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Corrections;
using SnsDashboard.Core.Pipeline;

namespace SnsDashboard.Web.Components.Shared;

/// <summary>Turns an analyst's choice (a candidate, or a point) into a stored correction, naming the
/// point from the running gazetteer; the automatic location is recorded beside it, unchanged.</summary>
public sealed class LocationCorrections(ILocationCorrectionStore store, SnapshotHolder snapshots, TimeProvider clock)
{
    public Task<LocationCorrection?> GetAsync(AnalysedPost post) => store.GetAsync(post.Post.Key);

    public async Task<LocationCorrection> PickAsync(AnalysedPost post, LocationAlternative alt, string analyst)
    {
        var c = new LocationCorrection(post.Post.Key, alt.Lat, alt.Lon, alt.Level, alt.LgCode, alt.Name,
            post.Analysis.Location?.Level, post.Analysis.Location?.LgCode, analyst, clock.GetUtcNow());
        await store.SaveAsync(c);
        return c;
    }

    /// <summary>The point named from the running gazetteer (municipality and nearest town), or null
    /// when it is not in Japan: what the analyst confirms before a map click is stored.</summary>
    public (string Name, string? LgCode)? Describe(double lat, double lon)
    {
        if (ReverseGeocoder.Lookup(snapshots.Current.Gazetteer, lat, lon) is not { } place) return null;
        var muni = place.Municipality;
        string name = muni is not null ? $"{muni.Pref}{muni.Name}{place.NearestTown?.Town}" : $"{place.NearestTown!.Pref}{place.NearestTown.City}{place.NearestTown.Town}";
        return (name, muni?.LgCode ?? place.NearestTown?.ParentCode);
    }

    /// <summary>Null when the point is not in Japan.</summary>
    public async Task<LocationCorrection?> SetPointAsync(AnalysedPost post, double lat, double lon, string analyst)
    {
        if (Describe(lat, lon) is not { } described) return null;
        var (name, lgCode) = described;
        var c = new LocationCorrection(post.Post.Key, Math.Round(lat, 6), Math.Round(lon, 6), LocationLevels.Exact,
            lgCode, name, post.Analysis.Location?.Level, post.Analysis.Location?.LgCode, analyst, clock.GetUtcNow());
        await store.SaveAsync(c);
        return c;
    }
}
