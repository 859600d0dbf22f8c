using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>
/// What a map snapshot shows: the view (centre, zoom, base map), the visible layers and the
/// filter (time window, spatial filter). Travels as JSON from the map's button to the snapshot
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
    public SpatialFilter? Filter { get; init; }

    public const int MaxLayers = 50;

    /// <summary>Null when the view is usable, else what is wrong with it (for a 400).</summary>
    public string? Problem()
    {
        if (double.IsNaN(Lat) || Lat is < -90 or > 90) return "lat must be between -90 and 90";
        if (double.IsNaN(Lon) || Lon is < -180 or > 180) return "lon must be between -180 and 180";
        if (Zoom is < 0 or > 19) return "zoom must be between 0 and 19";
        if (Layers.Count > MaxLayers) return $"at most {MaxLayers} layers";
        if (BaseMap.Length > 64) return "baseMap id too long";
        if (To is { } to && to < From) return "to is before from";
        if (Filter?.ShelterName is { Length: > 200 }) return "shelter name too long";
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
            ["zone"] = Filter?.ZoneLayerId?.ToString(CultureInfo.InvariantCulture),
            ["zattr"] = Filter?.ZoneAttribute,
            ["zval"] = Filter?.ZoneAttributeValue,
            ["near"] = Filter?.WithinMetresOfShelter?.ToString("R", CultureInfo.InvariantCulture),
            ["shelter"] = Filter?.ShelterName,
        };
        return QueryHelpers.AddQueryString("", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
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
        SpatialFilter? filter = null;
        if (L("zone") is { } zone)
            filter = new SpatialFilter { ZoneLayerId = zone, ZoneAttribute = S("zattr"), ZoneAttributeValue = S("zattr") is null ? null : S("zval") ?? "" };
        if (D("near") is { } near && near > 0)
            filter = (filter ?? new SpatialFilter()) with { WithinMetresOfShelter = near, ShelterName = S("shelter") };
        var view = new MapSnapshotView
        {
            Lat = lat, Lon = lon, Zoom = (int)Math.Clamp(z, -1, 99), BaseMap = S("base") ?? "", Layers = layers,
            From = DateTimeOffset.FromUnixTimeMilliseconds(from),
            To = L("to") is { } to ? DateTimeOffset.FromUnixTimeMilliseconds(to) : null,
            Filter = filter,
        };
        error = view.Problem();
        return error is null ? view : null;
    }
}
