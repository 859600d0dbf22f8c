using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SnsDashboard.Web.Security;

/// <summary>Authenticates other systems by API key: <c>Authorization: Bearer &lt;key&gt;</c>, or the
/// <c>access_token</c> query parameter on hub connections (browsers' WebSocket API cannot set
/// headers). No key means "not this scheme", a wrong key fails.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public static bool CarriesKey(HttpRequest request) => !string.IsNullOrEmpty(PresentedKey(request));

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments("/hubs") ? request.Query["access_token"].ToString() : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (string.IsNullOrEmpty(key)) return Task.FromResult(AuthenticateResult.NoResult());

        var principal = users.CheckApiKey(key, SchemeName);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("Unknown API key.") // the key itself is never logged
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
