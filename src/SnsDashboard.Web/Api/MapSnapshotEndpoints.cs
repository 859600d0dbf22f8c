using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SnsDashboard.Web.Maps.Snapshots;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Api;

/// <summary>
/// Map snapshots for reports (operators): <c>POST /api/map/snapshot</c> with the view renders the
/// internal print page in headless Chromium and answers with the PNG/PDF links;
/// <c>GET /api/map/snapshot/{id}.png|pdf</c> downloads them.
/// </summary>
public static class MapSnapshotEndpoints
{
    public static RouteGroupBuilder MapSnapshotApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/map/snapshot").RequireAuthorization(DashboardPolicies.Operator);
        group.MapPost("", async (MapSnapshotView view, MapSnapshotService snapshots, IServer server, HttpContext http, ILogger<MapSnapshotService> logger) =>
        {
            if (view.Problem() is { } problem) return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
            var printPage = new Uri(InternalBaseAddress(server, http), "map/snapshot/print" + view.ToQueryString());
            try
            {
                // Chromium acts as this operator: it gets the request's own cookies (sign-in, culture).
                var cookies = http.Request.Cookies.Select(c => new KeyValuePair<string, string>(c.Key, c.Value)).ToList();
                var r = await snapshots.TakeAsync(printPage, cookies, http.RequestAborted);
                return Results.Json(new { id = r.Id, takenAt = r.TakenAt, png = $"api/map/snapshot/{r.Id}.png", pdf = $"api/map/snapshot/{r.Id}.pdf" });
            }
            catch (SnapshotException e)
            {
                logger.LogWarning("Map snapshot refused or failed ({Failure}): {Message}", e.Failure, e.Message);
                return Results.Problem(e.Message, statusCode: e.Failure switch
                {
                    SnapshotFailure.Busy => StatusCodes.Status409Conflict,
                    SnapshotFailure.ChromiumMissing => StatusCodes.Status503ServiceUnavailable,
                    SnapshotFailure.Timeout => StatusCodes.Status504GatewayTimeout,
                    _ => StatusCodes.Status500InternalServerError,
                });
            }
        });
        group.MapGet("/{id}.{ext}", (string id, string ext, MapSnapshotService snapshots) =>
            snapshots.FileOf(id, ext) is { } path
                ? Results.File(path, ext == "png" ? "image/png" : "application/pdf", $"map-snapshot-{id}.{ext}")
                : Results.NotFound());
        return group;
    }

    /// <summary>Where the host's own Chromium reaches it: a listening address, with a wildcard
    /// host replaced by loopback (the public name may not resolve on the server itself).</summary>
    internal static Uri InternalBaseAddress(IServer server, HttpContext http)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0).FirstOrDefault();
        if (address is null) return new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var b = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
        if (b.Host is "0.0.0.0" or "[::]" or "::") b.Host = "127.0.0.1";
        b.Path = http.Request.PathBase.Value + "/";
        return b.Uri;
    }
}
