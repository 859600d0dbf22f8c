using System.Net;
using System.Net.Http.Headers;

namespace SnsDashboard.Sources.Live;

/// <summary>A connection attempt or a live connection failed in a way the reconnect loop must
/// classify (429 → throttled ladder, 401/403 → unauthorized, the rest → error ladder).
/// Messages never contain secrets.</summary>
public sealed class SourceConnectionException(string message, DisconnectKind kind, TimeSpan? retryAfter = null, int? statusCode = null)
    : Exception(message)
{
    public DisconnectKind Kind { get; } = kind;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public int? StatusCode { get; } = statusCode;

    /// <summary>Classifies a non-success HTTP status (from a REST call or a refused upgrade).</summary>
    public static SourceConnectionException FromStatus(int status, TimeSpan? retryAfter, string what)
    {
        var kind = status switch
        {
            429 => DisconnectKind.Throttled,
            401 or 403 => DisconnectKind.Unauthorized,
            _ => DisconnectKind.Error,
        };
        return new SourceConnectionException($"{what}: HTTP {status} {(HttpStatusCode)status}", kind, retryAfter, status);
    }

    public static SourceConnectionException FromResponse(HttpResponseMessage response, string what, DateTimeOffset now) =>
        FromStatus((int)response.StatusCode, RetryAfterOf(response.Headers, now), what);

    /// <summary>Retry-After (seconds or date), else X's x-rate-limit-reset (epoch seconds) when
    /// the remaining quota is 0.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } ra)
        {
            if (ra.Delta is { } d) return d;
            if (ra.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        }
        if (headers.TryGetValues("x-rate-limit-remaining", out var rem) && rem.FirstOrDefault() == "0"
            && headers.TryGetValues("x-rate-limit-reset", out var reset)
            && long.TryParse(reset.FirstOrDefault(), out var epoch))
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return at > now ? at - now : TimeSpan.Zero;
        }
        return null;
    }
}

/// <summary>No bytes for longer than the stall timeout: the connection is dead even though
/// nothing reported an error.</summary>
public sealed class StallException(TimeSpan timeout) : Exception($"no data for {timeout.TotalSeconds:0} s (stall watchdog)");
