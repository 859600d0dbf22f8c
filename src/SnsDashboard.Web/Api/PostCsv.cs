using System.Globalization;
using System.Text;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Web.Api;

/// <summary>
/// Posts as CSV for reports (UTF-8 with BOM, so spreadsheet software reads the Japanese), with
/// the spatial joins stored in each analysis record: municipality, hazard zones, nearest shelter.
/// Post text is hostile: fields are quoted, and a leading = + - @ is defused so a spreadsheet
/// never runs it as a formula.
/// </summary>
public static class PostCsv
{
    public static readonly string[] Header =
    [
        "created_at_jst", "source", "source_post_id", "categories", "hazards", "grade", "claim_status",
        "lat", "lon", "location_level", "place", "municipality", "hazard_zones", "nearest_shelter", "nearest_shelter_m", "text",
    ];

    public static void Write(TextWriter w, IEnumerable<AnalysedPost> posts)
    {
        w.Write('\uFEFF');
        w.Write(string.Join(',', Header));
        w.Write("\r\n");
        foreach (var p in posts)
        {
            var a = p.Analysis;
            var loc = a.Location;
            var spatial = a.Spatial;
            var nearest = spatial?.NearestShelters.FirstOrDefault();
            string?[] row =
            [
                p.Post.CreatedAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                p.Post.Source, p.Post.SourcePostId,
                string.Join(' ', a.Categories), string.Join(' ', a.Hazards), a.Reliability.Code, a.ClaimStatus,
                loc?.Lat.ToString("0.######", CultureInfo.InvariantCulture), loc?.Lon.ToString("0.######", CultureInfo.InvariantCulture),
                loc?.Level, loc is null ? null : string.Join(' ', new[] { loc.Pref, loc.City, loc.Town }.Where(s => s is not null)),
                spatial?.Municipality,
                spatial is null ? null : string.Join(" / ", spatial.Zones.Select(z => z.ZoneName + " (" + z.LayerTitle + ")")),
                nearest?.Name, nearest is null ? null : Math.Round(nearest.DistanceMetres).ToString(CultureInfo.InvariantCulture),
                p.Post.Text,
            ];
            w.Write(string.Join(',', row.Select(Field)));
            w.Write("\r\n");
        }
    }

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
