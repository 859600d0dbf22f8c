using System.Collections.Specialized;
using System.Web;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Live;
using SnsDashboard.Web.Components.Pages.LiveMap;

namespace SnsDashboard.Web.Live;

/// <summary>
/// The one filter state the map, the feed and the CSV export read, carried in the URL query
/// (<c>?cat=rescue_request,fire&amp;hz=…&amp;grade=A,B&amp;src=x&amp;q=…&amp;all=1&amp;spatial=zone:12:区域区分:2&amp;shelter=…</c>)
/// so a link, a reload or a switch between map and feed keeps it. <see cref="SpatialValue"/>
/// uses the map's select values (<see cref="MapFilterValue"/>).
/// </summary>
public sealed record SharedPostFilter
{
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Hazards { get; init; } = [];
    public IReadOnlyList<string> Grades { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public string? Text { get; init; }
    public bool RelevantOnly { get; init; } = true;
    public string SpatialValue { get; init; } = "";
    public string? ShelterName { get; init; }

    public static SharedPostFilter None { get; } = new();

    public bool IsEmpty => this == None || ToQueryString().Length == 0;

    public bool HasSpatial => MapFilterValue.Parse(SpatialValue, ShelterName) is not null;

    public static SharedPostFilter Parse(string? queryOrUri)
    {
        var q = queryOrUri ?? "";
        var at = q.IndexOf('?');
        if (at >= 0) q = q[(at + 1)..];
        var hash = q.IndexOf('#');
        if (hash >= 0) q = q[..hash];
        NameValueCollection values = HttpUtility.ParseQueryString(q);
        return new SharedPostFilter
        {
            Categories = List(values["cat"]),
            Hazards = List(values["hz"]),
            Grades = List(values["grade"]),
            Sources = List(values["src"]),
            Text = string.IsNullOrWhiteSpace(values["q"]) ? null : values["q"]!.Trim(),
            RelevantOnly = values["all"] != "1",
            SpatialValue = MapFilterValue.Parse(values["spatial"], null) is null ? "" : values["spatial"]!,
            ShelterName = string.IsNullOrWhiteSpace(values["shelter"]) ? null : values["shelter"]!.Trim(),
        };
    }

    /// <summary>"cat=…&amp;…" without the leading "?", empty when nothing is filtered.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
        Add("cat", string.Join(',', Categories));
        Add("hz", string.Join(',', Hazards));
        Add("grade", string.Join(',', Grades));
        Add("src", string.Join(',', Sources));
        Add("q", Text);
        if (!RelevantOnly) Add("all", "1");
        Add("spatial", SpatialValue);
        if (SpatialValue.StartsWith("near:", StringComparison.Ordinal)) Add("shelter", ShelterName);
        return string.Join('&', parts);
    }

    /// <summary>The filter the pages, the bus and the store use. A named shelter is resolved
    /// against the current layers, so "within N m of shelter X" is exact for any X.</summary>
    public PostFilter ToPostFilter(SpatialContext layers)
    {
        var spatial = MapFilterValue.Parse(SpatialValue, ShelterName);
        if (spatial?.ShelterName is { } name) spatial = spatial with { NamedShelterPoints = layers.ShelterPoints(name) };
        return new PostFilter
        {
            Categories = Categories,
            Hazards = Hazards,
            Grades = Grades,
            Sources = Sources,
            Text = Text,
            RelevantOnly = RelevantOnly,
            Spatial = spatial,
        };
    }

    /// <summary>The live map's filter (and its snapshot's): this filter, placed posts only.</summary>
    public PostFilter ToMapFilter(SpatialContext layers) => ToPostFilter(layers) with { LocatedOnly = true };

    private static IReadOnlyList<string> List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
