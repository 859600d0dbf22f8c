using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Bluesky;

/// <summary>
/// Handles, display names and follower counts for DIDs, from app.bsky.actor.getProfiles.
/// Posts never wait for it: <see cref="Enrich"/> uses what is cached and queues the DID for a
/// background lookup (batched by 25, paced to <see cref="BlueskyProfileOptions.MaxRequestsPerMinute"/>).
/// When the AppView fails or is unreachable, lookups pause and retry later; posts keep flowing
/// with the DID only and are graded with what is known.
/// </summary>
public sealed class BlueskyProfileCache(BlueskyProfileOptions options, HttpClient http, TimeProvider time, ILogger logger)
{
    private const int BatchSize = 25;
    private readonly ConcurrentDictionary<string, CachedProfile> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private long _lookups, _failures;

    public long Lookups => Interlocked.Read(ref _lookups);
    public long Failures => Interlocked.Read(ref _failures);
    public int Cached => _profiles.Count;
    public string? LastError { get; private set; }

    /// <summary>The post with whatever is known about its author; queues a lookup if nothing is.</summary>
    public Post Enrich(Post post)
    {
        var did = post.Author.Id;
        if (_profiles.TryGetValue(did, out var p) && p.ExpiresAt > time.GetUtcNow())
        {
            return p.Profile is { } profile ? post with
            {
                Author = post.Author with
                {
                    Handle = profile.Handle,
                    DisplayName = profile.DisplayName,
                    FollowersCount = profile.FollowersCount,
                    FollowingCount = profile.FollowsCount,
                    PostsCount = profile.PostsCount,
                    AccountCreatedAt = profile.CreatedAt,
                    // A handle that is a domain other than *.bsky.social proves control of that domain.
                    Verified = profile.Handle is { } h && !h.EndsWith(".bsky.social", StringComparison.OrdinalIgnoreCase) ? true : null,
                    VerifiedKind = profile.Handle is { } h2 && !h2.EndsWith(".bsky.social", StringComparison.OrdinalIgnoreCase) ? "domain" : null,
                },
            } : post;
        }
        if (options.Enabled && _pending.Count < options.MaxPendingLookups && _pending.TryAdd(did, 0)) _queue.Writer.TryWrite(did);
        return post;
    }

    /// <summary>An identity event: the handle changed, look it up again next time.</summary>
    public void Invalidate(string did) => _profiles.TryRemove(did, out _);

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Enabled) return;
        var interval = TimeSpan.FromMinutes(1) / Math.Max(1, options.MaxRequestsPerMinute);
        var pause = TimeSpan.FromSeconds(5);
        var batch = new List<string>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var did)) batch.Add(did);
                try
                {
                    await LookupAsync(batch, ct);
                    pause = TimeSpan.FromSeconds(5);
                    await Task.Delay(interval, time, ct);
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failures);
                    LastError = e is HttpRequestException { StatusCode: { } s } ? $"HTTP {(int)s}" : e.GetType().Name;
                    logger.LogWarning("Bluesky profile lookup failed ({Error}); posts keep flowing without profiles, retry in {Pause}", LastError, pause);
                    foreach (var did in batch) _pending.TryRemove(did, out _); // retried when the author posts again
                    await Task.Delay(pause, time, ct);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task LookupAsync(List<string> dids, CancellationToken ct)
    {
        Interlocked.Increment(ref _lookups);
        var url = options.Endpoint.TrimEnd('/') + "/xrpc/app.bsky.actor.getProfiles?" + string.Join("&", dids.Select(d => "actors=" + Uri.EscapeDataString(d)));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync(url, timeout.Token);
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), default, timeout.Token);
        var expires = time.GetUtcNow().AddMinutes(options.CacheMinutes);
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (doc.RootElement.TryGetProperty("profiles", out var profiles) && profiles.ValueKind == JsonValueKind.Array)
            foreach (var p in profiles.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.Object || Str(p, "did") is not { } did) continue;
                found.Add(did);
                _profiles[did] = new CachedProfile(new BlueskyProfile(
                    Str(p, "handle"), Str(p, "displayName") is { Length: > 0 } dn ? dn : null,
                    Int(p, "followersCount"), Int(p, "followsCount"), Int(p, "postsCount"),
                    Str(p, "createdAt") is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ca) ? ca : null), expires);
            }
        // Unknown DIDs are remembered as unknown for the TTL, so they are not asked again and again.
        foreach (var did in dids)
        {
            if (!found.Contains(did)) _profiles[did] = new CachedProfile(null, expires);
            _pending.TryRemove(did, out _);
        }
        if (_profiles.Count > options.MaxCachedProfiles) _profiles.Clear();
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private sealed record CachedProfile(BlueskyProfile? Profile, DateTimeOffset ExpiresAt);
}

public sealed record BlueskyProfile(string? Handle, string? DisplayName, int? FollowersCount, int? FollowsCount, int? PostsCount, DateTimeOffset? CreatedAt);
