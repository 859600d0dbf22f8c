using SnsDashboard.Core.Posts;

namespace SnsDashboard.Fakes;

/// <summary>
/// Feeds scenario posts into a fake at a steady rate, with created_at set to now and, after the
/// first pass, ids suffixed per pass so the dashboard sees new posts. For demos and end-to-end
/// runs (<c>sns fake …</c>).
/// </summary>
public static class ScenarioFeed
{
    public static async Task<long> RunAsync(IReadOnlyList<Post> posts, Action<Post> publish, double postsPerSecond, CancellationToken ct, long? limit = null)
    {
        if (posts.Count == 0) return 0;
        var interval = TimeSpan.FromSeconds(1 / Math.Max(0.01, postsPerSecond));
        var started = DateTimeOffset.UtcNow;
        long sent = 0;
        for (var pass = 1; !ct.IsCancellationRequested; pass++)
            foreach (var post in posts)
            {
                if (ct.IsCancellationRequested || sent >= limit) return sent;
                var due = started + interval * sent;
                var wait = due - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    try { await Task.Delay(wait, ct); }
                    catch (OperationCanceledException) { return sent; }
                }
                publish(post with
                {
                    SourcePostId = pass == 1 ? post.SourcePostId : $"{post.SourcePostId}~{pass}",
                    CreatedAt = DateTimeOffset.UtcNow,
                });
                sent++;
            }
        return sent;
    }

    /// <summary>The fake for a protocol name and how to publish a post into it.</summary>
    public static (FakeServer Server, Action<Post> Publish) Create(string protocol) => protocol switch
    {
        "jetstream" or "bluesky" => Make(new JetstreamFake(), (f, p) => f.PublishPost(p)),
        "mastodon" => Make(new MastodonFake { AccessToken = null }, (f, p) => f.PublishStatus(p)),
        "misskey" => Make(new MisskeyFake(), (f, p) => f.PublishNote(p)),
        "x" => Make(WithDemoRule(new XFake()), (f, p) => f.PublishPost(p)),
        _ => throw new ArgumentException($"unknown protocol \"{protocol}\" (jetstream, mastodon, misskey, x)"),
    };

    /// <summary>The configuration keys that point the dashboard at a fake of this protocol
    /// (printed as environment variables by <c>sns fake</c>).</summary>
    public static IReadOnlyList<(string Key, string Value)> DashboardSettings(string protocol, string url) => protocol switch
    {
        "jetstream" or "bluesky" =>
        [
            ("Sources:Bluesky:Enabled", "true"),
            ("Sources:Bluesky:JetstreamUrl", url.Replace("http://", "ws://") + "/subscribe"),
            ("Sources:Bluesky:Profiles:Endpoint", url),
        ],
        "mastodon" => [("Sources:Mastodon:Servers:0:Enabled", "true"), ("Sources:Mastodon:Servers:0:BaseUrl", url)],
        "misskey" => [("Sources:Misskey:Servers:0:Enabled", "true"), ("Sources:Misskey:Servers:0:BaseUrl", url), ("Sources:Misskey:Servers:0:Token", "misskey-test-token")],
        _ => [("Sources:X:Enabled", "true"), ("Sources:X:BaseUrl", url), ("Sources:X:BearerToken", "x-test-bearer")],
    };

    private static XFake WithDemoRule(XFake fake)
    {
        fake.SeedRule("(#救助 OR 救助要請 OR 停電 OR 冠水) lang:ja -is:retweet", "demo");
        return fake;
    }

    private static (FakeServer, Action<Post>) Make<T>(T fake, Action<T, Post> publish) where T : FakeServer => (fake, p => publish(fake, p));
}
