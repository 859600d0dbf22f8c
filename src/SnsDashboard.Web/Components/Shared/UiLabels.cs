using SnsDashboard.Core.Analysis;
using Microsoft.Extensions.Localization;

namespace SnsDashboard.Web.Components.Shared;

/// <summary>Localised labels for the stable ids (categories, hazards, grades, levels, claims).</summary>
public sealed class UiLabels(IStringLocalizer<SharedResource> l)
{
    public string this[string key] => l[key];
    public string Category(string? id) => l["Cat_" + (id ?? "none")];
    public string Hazard(string id) => l["Haz_" + id];
    public string Level(string id) => l["Lvl_" + id];
    public string Role(string role) => l["Role_" + role] is { ResourceNotFound: false } s ? s.Value : role;
    public string SourceGrade(string letter) => l["Grade_" + letter];
    public string Credibility(int digit) => l["Cred_" + digit];
    public string Claim(string status) => l["Claim_" + status];
    /// <summary>Source and overall states; an unknown state is shown as it is.</summary>
    public string State(string state) => l["State_" + state] is { ResourceNotFound: false } s ? s.Value : state;

    /// <summary>A grading reason ("code" or "code:detail") in the UI language; unknown codes
    /// are shown as they are rather than hidden.</summary>
    public string Reason(string reason)
    {
        int colon = reason.IndexOf(':');
        var code = colon < 0 ? reason : reason[..colon];
        var detail = colon < 0 ? "" : reason[(colon + 1)..];
        var text = l["Reason_" + code];
        return text.ResourceNotFound ? reason : string.Format(text.Value, detail);
    }

    /// <summary>Short place label: municipality (or prefecture) and town; coordinates when the
    /// location has no names (a bare geotag).</summary>
    public static string Place(PostLocation? loc) => loc switch
    {
        null => "—",
        { City: null, Pref: null } => $"{loc.Lat:0.000}, {loc.Lon:0.000}",
        _ => (loc.City ?? loc.Pref) + (loc.Town is { } t ? " " + t : ""),
    };

    /// <summary>Times are shown in JST with the zone, whatever the server's zone.</summary>
    public static string Jst(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm:ss") + " JST";
    public static string JstShort(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(9)).ToString("HH:mm:ss");
}
