using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Api;

/// <summary>Small HTTP endpoints: /health for monitors, /culture for the language switch and
/// /auth/signout.</summary>
public static class DashboardEndpoints
{
    private static readonly JsonSerializerOptions HealthJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static readonly string[] SupportedCultures = ["ja-JP", "en"];

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        // 200 when healthy, 503 when degraded (a failed source or an unreachable store), with the
        // same counters as the status page.
        app.MapGet("/health", async (StatusReporter status, CancellationToken ct) =>
        {
            var report = await status.GetAsync(ct);
            return Results.Json(report, HealthJson, statusCode: report.Status == "healthy" ? 200 : 503);
        }).AllowAnonymous(); // counters only, no post data: monitors need it without a session

        app.MapGet("/culture", (string? c, string? redirect, HttpContext http) =>
        {
            var culture = SupportedCultures.FirstOrDefault(s => string.Equals(s, c, StringComparison.OrdinalIgnoreCase)) ?? SupportedCultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(SafeReturnUrl.From(redirect));
        }).AllowAnonymous();

        app.MapPost("/auth/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        });
        return app;
    }
}
