using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.AspNetCore.Http;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>
/// What a map snapshot shows: the view (centre, zoom, base map), the visible layers and the
/// filter (time window and the whole shared map/feed filter, <see cref="SharedPostFilter"/>, plus
/// whether posts placed only by the author's profile are shown). Travels as JSON from the map's button to the snapshot
/// endpoint and as a query string to the internal print page; both ends validate it.
/// </summary>
public sealed record MapSnapshotView
{
    /// <summary>The base-map id that means "the offline vector base" (no tiles).</summary>
    public const string VectorBase = "vector";

    public double Lat { get; init; }
    public double Lon { get; init; }
    public int Zoom { get; init; }
    public string BaseMap { get; init; } = "";
    public IReadOnlyList<long> Layers { get; init; } = [];
    public DateTimeOffset From { get; init; }
    public DateTimeOffset? To { get; init; }
    public SharedPostFilter Filter { get; init; } = SharedPostFilter.None;
    public bool IncludeProfileOnly { get; init; }

    public const int MaxLayers = 50;
    private const int MaxFilterValues = 50, MaxFilterText = 200;

    /// <summary>Null when the view is usable, else what is wrong with it (for a 400).</summary>
    public string? Problem()
    {
        if (double.IsNaN(Lat) || Lat is < -90 or > 90) return "lat must be between -90 and 90";
        if (double.IsNaN(Lon) || Lon is < -180 or > 180) return "lon must be between -180 and 180";
        if (Zoom is < 0 or > 19) return "zoom must be between 0 and 19";
        if (Layers.Count > MaxLayers) return $"at most {MaxLayers} layers";
        if (BaseMap.Length > 64) return "baseMap id too long";
        if (To is { } to && to < From) return "to is before from";
        if (Filter is null || Filter.SpatialValue is null) return "filter is missing";
        if (new[] { Filter.Categories, Filter.Hazards, Filter.Grades, Filter.Sources }.Any(l => l is null || l.Count > MaxFilterValues || l.Any(v => v is not { Length: > 0 and <= MaxFilterText })))
            return $"filter lists take at most {MaxFilterValues} non-empty values of at most {MaxFilterText} characters";
        if (Filter.Text is { Length: > MaxFilterText } || Filter.ShelterName is { Length: > MaxFilterText }) return "filter text or shelter name too long";
        if (!string.IsNullOrEmpty(Filter.SpatialValue) && MapFilterValue.Parse(Filter.SpatialValue, Filter.ShelterName) is null)
            return "filter.spatialValue is not a spatial filter";
        return null;
    }

    public string ToQueryString()
    {
        var q = new Dictionary<string, string?>
        {
            ["lat"] = Lat.ToString("R", CultureInfo.InvariantCulture),
            ["lon"] = Lon.ToString("R", CultureInfo.InvariantCulture),
            ["z"] = Zoom.ToString(CultureInfo.InvariantCulture),
            ["base"] = BaseMap,
            ["layers"] = string.Join(',', Layers),
            ["from"] = From.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["to"] = To?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["profile"] = IncludeProfileOnly ? "1" : null,
        };
        // The shared filter in its own URL form (the keys the map and the feed carry).
        var filter = Filter.ToQueryString();
        return QueryHelpers.AddQueryString("", q.Where(kv => !string.IsNullOrEmpty(kv.Value))) + (filter.Length > 0 ? "&" + filter : "");
    }

    /// <summary>Reads the print page's query; null with <paramref name="error"/> when it is unusable.</summary>
    public static MapSnapshotView? FromQuery(IReadOnlyDictionary<string, StringValues> q, out string? error)
    {
        string? S(string k) => q.TryGetValue(k, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
        double? D(string k) => double.TryParse(S(k), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        long? L(string k) => long.TryParse(S(k), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        error = null;
        if (D("lat") is not { } lat || D("lon") is not { } lon || L("z") is not { } z || L("from") is not { } from)
        {
            error = "lat, lon, z and from are required";
            return null;
        }
        var layers = new List<long>();
        foreach (var part in (S("layers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) { error = "layers must be ids"; return null; }
            layers.Add(id);
        }
        var view = new MapSnapshotView
        {
            Lat = lat, Lon = lon, Zoom = (int)Math.Clamp(z, -1, 99), BaseMap = S("base") ?? "", Layers = layers,
            From = DateTimeOffset.FromUnixTimeMilliseconds(from),
            To = L("to") is { } to ? DateTimeOffset.FromUnixTimeMilliseconds(to) : null,
            Filter = SharedPostFilter.Parse(QueryString.Create(q).Value),
            IncludeProfileOnly = S("profile") == "1",
        };
        error = view.Problem();
        return error is null ? view : null;
    }
}
