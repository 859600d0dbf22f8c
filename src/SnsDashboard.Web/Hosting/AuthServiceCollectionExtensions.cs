using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Hosting;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Cookie sign-in for people, API keys for systems, and the three role policies.
    /// The fallback policy makes every endpoint without an explicit rule require a signed-in
    /// user, so new pages and endpoints are private by default.</summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AuthOptions>().Bind(config.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<DemoSignIn>();
        services.TryAddTimeProvider();
        services.AddSingleton<SignInThrottle>();

        var sessionHours = config.GetSection(AuthOptions.Section).GetValue(nameof(AuthOptions.SessionHours), 12);
        // One default scheme that picks API-key authentication when the request carries a key and
        // the cookie otherwise, so a browser without a session is redirected to the sign-in page
        // while a system with a wrong key gets a plain 401.
        services.AddAuthentication(SelectingScheme)
            .AddPolicyScheme(SelectingScheme, SelectingScheme, o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.CarriesKey(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "sns.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(sessionHours);
                o.SlidingExpiration = true;
                // APIs and hubs answer 401/403 instead of redirecting to an HTML page.
                o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        AuthorizationPolicy Policy(params string[] roles) =>
            new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();
        var anyRole = Policy(DashboardRoles.Operator, DashboardRoles.Analyst, DashboardRoles.Admin);
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Operator, anyRole)
            .AddPolicy(DashboardPolicies.Analyst, Policy(DashboardRoles.Analyst, DashboardRoles.Admin))
            .AddPolicy(DashboardPolicies.Admin, Policy(DashboardRoles.Admin))
            .SetDefaultPolicy(anyRole)
            .SetFallbackPolicy(anyRole);
        services.AddCascadingAuthenticationState();
        return services;
    }

    private const string SelectingScheme = "CookieOrApiKey";

    private static Task RedirectOrStatus(HttpContext http, string redirectUri, int status)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/ingest")
            || http.Request.Headers.Accept.ToString().Contains("application/json"))
            http.Response.StatusCode = status;
        else
            http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
