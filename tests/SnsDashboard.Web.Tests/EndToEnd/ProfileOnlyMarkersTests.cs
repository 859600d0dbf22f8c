using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Components.Pages.LiveMap;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>A post placed only by its author's profile ("人吉市在住") says where the author lives,
/// not where the event is: it stays off the map until the operator ticks
/// 「プロフィールの所在地のみで推定した投稿も表示」, and is then drawn grey.</summary>
public class ProfileOnlyMarkersTests(WebhookBrowserFixture fx) : IClassFixture<WebhookBrowserFixture>
{
    private const string MarkerAt = """
        ([lat, lon]) => [...document.getElementById('live-map')._state.markers.values()]
          .find(m => Math.abs(m.getLatLng().lat - lat) < 1e-6 && Math.abs(m.getLatLng().lng - lon) < 1e-6)
        """;

    [Fact]
    public async Task A_profile_only_post_is_off_the_map_until_the_box_is_ticked_then_shown_grey()
    {
        // A quiet dashboard (no replay): the two posts below are all there is.
        var now = DateTimeOffset.UtcNow;
        var reported = await IngestAsync(TestPosts.Make("pm-text", "熊本市東区健軍本町で家が倒壊、閉じ込められています", now.AddMinutes(-2)));
        var profileOnly = await IngestAsync(TestPosts.Make("pm-profile", "2階に取り残されています、まだ救助が来ません", now.AddMinutes(-1)) with
        {
            Author = new PostAuthor { Id = "pm-resident", Handle = "pm_resident", DisplayName = "人吉の住民", ProfileLocationText = "熊本県人吉市在住" },
        });
        Assert.Equal("text", reported.Location?.Source);
        var home = profileOnly.Location!;
        Assert.Equal(("profile", "人吉市"), (home.Source, home.City));

        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "map");
        var map = page.Locator("#live-map");
        var box = page.Locator("[data-testid=show-profile-only]");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-marker-count", "1", new() { Timeout = 60_000 });
        await Assertions.Expect(box).Not.ToBeCheckedAsync();
        Assert.True(await HasMarkerAtAsync(page, reported.Location!));
        Assert.False(await HasMarkerAtAsync(page, home));

        await box.CheckAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-marker-count", "2", new() { Timeout = 30_000 });
        Assert.True(await HasMarkerAtAsync(page, home));
        // Zoomed in on it (outside a cluster) the dot is drawn, in the profile grey.
        await page.EvaluateAsync("([lat, lon]) => document.getElementById('live-map')._state.map.setView([lat, lon], 13, { animate: false })",
            new object[] { home.Lat, home.Lon });
        var dot = await WaitForAsync(() => page.EvaluateAsync<string?>($"(at) => {{ const m = ({MarkerAt})(at); const d = m && m.getElement() && m.getElement().querySelector('.post-dot'); return d ? getComputedStyle(d).backgroundColor : null; }}",
            new object[] { home.Lat, home.Lon }));
        Assert.Equal(CssRgb(MapMarkers.ProfileOnlyColour), dot);
        // Its row in the post list carries the same grey (the reported post keeps its category colour).
        var rows = page.Locator("[data-testid=map-post-list] li");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(CssRgb(MapMarkers.ProfileOnlyColour), await SwatchColourAsync(rows.Filter(new() { HasText = "人吉市" })));
        Assert.NotEqual(CssRgb(MapMarkers.ProfileOnlyColour), await SwatchColourAsync(rows.Filter(new() { HasText = "健軍本町" })));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "live-map-profile-only-shown.png") });

        await box.UncheckAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-marker-count", "1", new() { Timeout = 30_000 });
        Assert.False(await HasMarkerAtAsync(page, home));
    }

    private async Task<PostAnalysis> IngestAsync(Post post)
    {
        await fx.App.Services.GetRequiredService<IIngestSink>().OfferAsync(post, OfferMode.Wait, default);
        var store = fx.App.Services.GetRequiredService<IPostStore>();
        var stored = await WaitForAsync(async () => (await store.QueryAsync(new PostQuery { From = post.CreatedAt.AddSeconds(-1), Limit = 100 }))
            .FirstOrDefault(p => p.Post.SourcePostId == post.SourcePostId));
        return stored.Analysis;
    }

    private static Task<bool> HasMarkerAtAsync(IPage page, PostLocation at) =>
        page.EvaluateAsync<bool>($"(at) => ({MarkerAt})(at) !== undefined", new object[] { at.Lat, at.Lon });

    private static Task<string> SwatchColourAsync(ILocator row) =>
        row.Locator(".swatch").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    private static string CssRgb(string hex) =>
        $"rgb({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)})";

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 60 s");
            await Task.Delay(200);
        }
    }
}
