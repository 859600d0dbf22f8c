using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>The indexed columns derived from an analysed post. The JSON columns stay the source of truth.</summary>
internal readonly record struct PostRow(long CreatedAt, double? Lat, double? Lon, string? LocationLevel, string? TopCategory,
    string Grade, int Credibility, double Score)
{
    public static PostRow From(AnalysedPost item)
    {
        var (lat, lon, level) = item.Analysis.Location is { } loc
            ? (loc.Lat, loc.Lon, loc.Level)
            : item.Post.Geo is { } geo ? (geo.Lat, geo.Lon, (string?)null) : (double.NaN, double.NaN, null);
        var located = IsValid(lat, lon);
        var grade = item.Analysis.Reliability ?? ReliabilityGrade.Unknown;
        return new PostRow(
            item.Post.CreatedAt.ToUnixTimeMilliseconds(),
            located ? lat : null,
            located ? lon : null,
            located ? level : null,
            item.Analysis.Categories.Count > 0 ? item.Analysis.Categories[0] : null,
            grade.Source,
            grade.Credibility,
            double.IsFinite(grade.Score) ? grade.Score : 0);
    }

    private static bool IsValid(double lat, double lon) =>
        double.IsFinite(lat) && double.IsFinite(lon) && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180;
}
