using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SnsDashboard.Web.Security;

/// <summary>Decides whether the one-click demo sign-in may be used: only when it is switched on,
/// the host listens on loopback addresses only, and the request itself comes from loopback. A
/// host reachable from the network therefore never has password-less accounts, whatever the
/// configuration says.</summary>
public sealed class DemoSignIn(IOptions<AuthOptions> options, IServer server, ILogger<DemoSignIn> logger)
{
    private bool? _listensOnLoopbackOnly;

    public bool IsAvailableFor(HttpContext http) =>
        IsEnabled && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    public bool IsEnabled => options.Value.DemoSignIn && ListensOnLoopbackOnly();

    private bool ListensOnLoopbackOnly()
    {
        if (_listensOnLoopbackOnly is { } known) return known;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0) return false; // not started yet, or an in-memory test server
        var loopbackOnly = addresses.All(IsLoopbackAddress);
        if (!loopbackOnly && options.Value.DemoSignIn)
            logger.LogWarning("Auth:DemoSignIn is on but the host also listens on {Addresses}; demo sign-in is disabled. Configure Auth:Users instead.",
                string.Join(", ", addresses));
        return (_listensOnLoopbackOnly = loopbackOnly).Value;
    }

    public static bool IsLoopbackAddress(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri)) return false;
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
