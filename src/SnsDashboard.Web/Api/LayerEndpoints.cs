using SnsDashboard.Web.Security;
using SnsDashboard.Core.Layers;
using SnsDashboard.Web.Maps;

namespace SnsDashboard.Web.Api;

/// <summary>
/// Map data over HTTP, so large GeoJSON and tiles never travel through a Blazor circuit:
/// the layer catalogue, one layer's features, the offline vector base and MBTiles raster tiles.
/// </summary>
public static class LayerEndpoints
{
    public static RouteGroupBuilder MapLayerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization(DashboardPolicies.Operator);
        group.MapGet("/api/layers", async (ILayerCatalogue catalogue, bool? history, CancellationToken ct) =>
            Results.Json(await catalogue.ListAsync(history == true, ct)));
        group.MapGet("/api/layers/{id:long}/geojson", async (long id, ILayerCatalogue catalogue, HttpContext http, CancellationToken ct) =>
        {
            if (await catalogue.GetGeoJsonAsync(id, ct) is not { } json) return Results.NotFound();
            // A stored version never changes, so browsers may keep it.
            http.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            return Results.Bytes(json, "application/geo+json");
        });
        group.MapGet("/api/map/fallback-base", async (ILayerCatalogue catalogue, CancellationToken ct) =>
            Results.Bytes(await FallbackBase.BuildAsync(catalogue, ct), "application/geo+json"));
        group.MapGet("/tiles/offline/{z:int}/{x:int}/{y:int}", (int z, int x, int y, MbTilesReader tiles, HttpContext http) =>
        {
            if (tiles.GetTile(z, x, y) is not { } data) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Bytes(data, tiles.ContentType);
        });
        return group;
    }
}
