using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>
/// One hoax as it travels between networks, through the host's real ingest queue, pipeline and
/// store: posted on Bluesky, reposted there, copied by hand to X (with 【拡散希望】) and to
/// Mastodon (its HTML already turned to text by the connector, a tag appended), each copy
/// reposted/boosted on its own network — one boost arriving before the copy it boosts, as a
/// catch-up after a gap delivers it. Every post ends in one claim and points at what it copies.
/// </summary>
public class CrossSourceCopiesTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string Hoax = "おいふざけんな、地震のせいでうちの近くの動物園からライオン放たれたんだが 熊本市";

    private static Post Make(string source, string id, string text, string author, DateTimeOffset at,
        string kind = PostKinds.Original, string? repostOf = null) => new()
    {
        Source = source,
        SourcePostId = id,
        Text = text,
        CreatedAt = at,
        Kind = kind,
        RepostOfId = repostOf,
        Lang = "ja",
        Author = new PostAuthor { Id = author, Handle = author, AccountCreatedAt = at.AddYears(-3), FollowersCount = 150 },
        Url = "https://example.invalid/" + Uri.EscapeDataString(id),
    };

    [Fact]
    public async Task A_hoax_copied_between_Bluesky_X_and_Mastodon_and_reposted_on_each_is_one_claim()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        string bskyOriginal = $"at://did:plc:troll{run}/app.bsky.feed.post/3k3qeyksjlwlt";
        string xCopy = $"19120000{run}01", mastoCopy = $"https://mstdn.example.jp/users/kumamoke/statuses/{run}";
        var posts = new[]
        {
            Make("bluesky", bskyOriginal, Hoax, $"did:plc:troll{run}", t0),
            Make("bluesky", $"at://did:plc:fan{run}/app.bsky.feed.repost/1", "RT @troll.bsky.social: " + Hoax, $"did:plc:fan{run}", t0.AddMinutes(1), PostKinds.Repost, bskyOriginal),
            Make("x", xCopy, "【拡散希望】" + Hoax, $"71000{run}", t0.AddMinutes(3)),
            Make("x", $"19120000{run}02", "RT @copier: 【拡散希望】" + Hoax, $"71001{run}", t0.AddMinutes(4), PostKinds.Repost, xCopy),
            // The boost arrives before the status it boosts (REST catch-up after a gap).
            Make("mastodon:mstdn.example.jp", $"https://mstdn.example.jp/users/b/statuses/{run}9", Hoax + " 拡散お願いします", $"https://mstdn.example.jp/users/b{run}", t0.AddMinutes(6), PostKinds.Repost, mastoCopy),
            Make("mastodon:mstdn.example.jp", mastoCopy, Hoax + " 拡散お願いします", $"https://mstdn.example.jp/users/kumamoke{run}", t0.AddMinutes(5)),
        };
        var sink = factory.Services.GetRequiredService<IIngestSink>();
        foreach (var p in posts) await sink.OfferAsync(p, OfferMode.Wait, default);

        var store = factory.Services.GetRequiredService<IPostStore>();
        IReadOnlyList<AnalysedPost> stored = [];
        for (int i = 0; i < 100 && stored.Count < posts.Length; i++)
        {
            await Task.Delay(100);
            stored = (await store.QueryAsync(new PostQuery { From = t0.AddMinutes(-1), Limit = 1000 }))
                .Where(p => p.Post.SourcePostId.Contains(run)).ToList();
        }
        Assert.Equal(posts.Length, stored.Count);
        var byId = stored.ToDictionary(p => p.Post.SourcePostId, p => p.Analysis);

        Assert.Single(stored.Select(p => p.Analysis.ClaimId).Distinct());
        Assert.Null(byId[bskyOriginal].DuplicateOf);
        Assert.Equal(bskyOriginal, byId[$"at://did:plc:fan{run}/app.bsky.feed.repost/1"].DuplicateOf);
        Assert.Equal(bskyOriginal, byId[xCopy].DuplicateOf);               // a copy across networks
        Assert.Equal(xCopy, byId[$"19120000{run}02"].DuplicateOf);          // a repost of the copy
        Assert.NotNull(byId[mastoCopy].DuplicateOf);                        // copies the Bluesky or X text
        Assert.Equal(mastoCopy, byId[$"https://mstdn.example.jp/users/b/statuses/{run}9"].DuplicateOf);
        // Copies and reposts never corroborate: one independent author however far it spread.
        Assert.All(stored.Where(p => p.Post.SourcePostId != bskyOriginal),
            p => Assert.Contains(p.Analysis.Reliability.Reasons, r => r.StartsWith("copy_not_independent:") || r.StartsWith("repost_")));
    }
}
