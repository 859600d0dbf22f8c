using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

public class LiveDashboardTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });

    private static async Task<int> MarkerCountAsync(IPage page) =>
        int.Parse(await page.Locator("#live-map").GetAttributeAsync("data-marker-count") ?? "0");

    private static async Task WaitForAsync(Func<Task<bool>> condition, int timeoutMs, string what)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_live_map_fills_with_the_replay_scenario_and_clusters_form()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "map");
        await WaitForAsync(async () => await MarkerCountAsync(page) > 0, 60_000, "first markers");
        int first = await MarkerCountAsync(page);
        await page.Locator(".marker-cluster").First.WaitForAsync(new() { Timeout = 60_000 });
        // More arrive while the page is open. The replay's pace varies over the scenario (quiet
        // hours, the loop's restart), so the test adds a located post itself rather than wait.
        var sink = fx.App.Services.GetRequiredService<IIngestSink>();
        await sink.OfferAsync(TestPosts.Make("e2e-live-" + Guid.NewGuid().ToString("N"), "#救助 熊本市中央区水前寺で家屋倒壊、閉じ込められています", DateTimeOffset.UtcNow, 32.79, 130.74), OfferMode.Wait, default);
        await WaitForAsync(async () => await MarkerCountAsync(page) > first, 60_000, "more markers arriving live");
        await Assertions.Expect(page.Locator("[data-testid=marker-count]")).ToContainTextAsync("地図上の投稿");
        await ShotAsync(page, "live-map");
    }

    [Fact]
    public async Task Clicking_into_clusters_opens_a_post_with_its_grade_and_evidence()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "map");
        await WaitForAsync(async () => await MarkerCountAsync(page) > 20, 90_000, "markers");
        // Live posts are drawn while the map still loads from the store; the load's chunks then
        // re-cluster and can close a popup opened meanwhile, so click once the load is drawn.
        await Assertions.Expect(page.Locator("#live-map")).ToHaveAttributeAsync("data-loading", "false", new() { Timeout = 30_000 });
        var details = page.Locator("[data-testid=post-details]");
        var popup = page.Locator(".post-popup-text");
        // A live batch that re-clusters the marker closes its popup: click again, as a person would.
        for (int i = 0; i < 25 && !(await details.IsVisibleAsync() && await popup.IsVisibleAsync()); i++)
        {
            var marker = page.Locator(".post-marker").First;
            if (await marker.IsVisibleAsync())
                await marker.ClickAsync(new() { Timeout = 5_000 });
            else
                await page.Locator(".marker-cluster").First.ClickAsync(new() { Timeout = 5_000 });
            await Task.Delay(700);
        }
        await Assertions.Expect(details).ToBeVisibleAsync();
        await Assertions.Expect(details.Locator("[data-testid=grade]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-F][1-6]$"));
        await Assertions.Expect(popup).ToBeVisibleAsync();
        await ShotAsync(page, "live-map-post-open");
    }

    [Fact]
    public async Task Hostile_post_text_is_shown_as_text_in_popup_and_feed()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "map");
        await WaitForAsync(async () => await MarkerCountAsync(page) > 0, 60_000, "map ready");

        // A lonely spot in the sea west of Kumamoto, so the post gets its own marker.
        var sink = fx.App.Services.GetRequiredService<IIngestSink>();
        await sink.OfferAsync(TestPosts.Make("hostile-1", TestPosts.HostileText, DateTimeOffset.UtcNow, 32.62, 130.18), OfferMode.Wait, default);

        // The operator zooms in on the spot (so the marker is not inside a cluster), then clicks it.
        await page.EvaluateAsync("([lat, lon]) => { document.getElementById('live-map')._state.map.setView([lat, lon], 13, { animate: false }); }",
            new object[] { 32.62, 130.18 });
        // Live batches keep re-drawing the cluster layer while the replay runs; a click that lands
        // during a redraw is lost, so click again as a person would.
        var popup = page.Locator(".post-popup-text");
        for (int attempt = 0; attempt < 10 && !await popup.IsVisibleAsync(); attempt++)
        {
            var point = await WaitForMarkerPointAsync(page, 32.62, 130.18);
            await page.Mouse.ClickAsync(point.X, point.Y);
            await Task.Delay(500);
        }
        await Assertions.Expect(popup).ToHaveTextAsync(TestPosts.HostileText);
        await Assertions.Expect(page.Locator("[data-testid=post-text]")).ToHaveTextAsync(TestPosts.HostileText);
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        await ShotAsync(page, "hostile-popup");

        // The operator pauses the feed (the replay keeps it moving) and searches for the post.
        // The first clicks may land before the circuit is connected, so retry until it reacts.
        await page.GotoAsync(fx.App.BaseAddress + "feed");
        var state = page.Locator("[data-testid=feed-state]");
        for (int attempt = 0; attempt < 20 && !(await state.InnerTextAsync()).Contains("一時停止中"); attempt++)
        {
            await page.Locator("[data-testid=pause]").ClickAsync();
            await Task.Delay(500);
        }
        await Assertions.Expect(state).ToContainTextAsync("一時停止中");
        var search = page.Locator("input[name=text-filter]");
        await search.FillAsync("onerror");
        await search.PressAsync("Enter");
        // Exactly one row (a bare "1 件表示" would also match "51 件表示").
        await Assertions.Expect(state).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"(^|[^0-9,])1 件表示"), new() { Timeout = 15_000 });
        var row = page.Locator("[data-testid=feed-text]");
        await Assertions.Expect(row).ToHaveTextAsync(TestPosts.HostileText);
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        await ShotAsync(page, "hostile-feed");
    }

    [Fact]
    public async Task A_post_stored_while_the_map_loads_is_not_lost()
    {
        // The map's first drawing of the stored posts is held in the browser (addPosts of the load
        // waits for the test), so the store query has run but the page is not finished loading when
        // the post is stored and published on the bus. Before the fix the map subscribed only after
        // loading and never showed such a post (CI saw the hostile-post marker never appear); since
        // then live posts are drawn during the load instead of after it.
        var sink = fx.App.Services.GetRequiredService<IIngestSink>();
        var bus = fx.App.Services.GetRequiredService<SnsDashboard.Web.Live.PostBus>();
        // At least one stored post, so that the load has something to draw (and to hold).
        await OfferAndWaitAsync(sink, bus, TestPosts.Make("load-stored-" + Guid.NewGuid().ToString("N"), "#救助 熊本市東区で家屋倒壊", DateTimeOffset.UtcNow, 32.79, 130.74));
        var page = await fx.NewPageAsync();
        await page.AddInitScriptAsync("window.__holdLoad = new Promise(r => window.__releaseLoad = r);");
        // The import map may point at a fingerprinted file name (LiveMap.<hash>.razor.js).
        await page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/LiveMap(\.[a-z0-9]+)?\.razor\.js($|\?)"), async route =>
        {
            var original = await route.FetchAsync();
            var js = (await original.TextAsync()).Replace("export function addPosts(",
                "export async function addPosts(el, posts, live) { if (!live) { window.__loadHeld = true; await window.__holdLoad; } return addPostsNow(el, posts, live); }\nfunction addPostsNow(");
            await route.FulfillAsync(new() { Response = original, Body = js });
        });
        await page.GotoAsync(fx.App.BaseAddress + "map");
        await WaitForAsync(async () => await page.EvaluateAsync<bool>("() => window.__loadHeld === true"), 60_000, "the map's first load");

        await OfferAndWaitAsync(sink, bus, TestPosts.Make("load-race-" + Guid.NewGuid().ToString("N"), "#救助 宇土市の海沿いで家屋倒壊、2階に取り残されています", DateTimeOffset.UtcNow, 32.58, 130.14));
        const string OnMap = """
            ([lat, lon]) => [...document.getElementById('live-map')._state.markers.values()]
              .some(m => Math.abs(m.getLatLng().lat - lat) < 1e-6 && Math.abs(m.getLatLng().lng - lon) < 1e-6)
            """;
        // Drawn while the load is still held: it does not wait for the stored posts to be drawn.
        await WaitForAsync(async () => await page.EvaluateAsync<bool>(OnMap, new object[] { 32.58, 130.14 }), 30_000, "the post stored while the map loaded");
        await page.EvaluateAsync("() => window.__releaseLoad()");
        await Assertions.Expect(page.Locator("#live-map")).ToHaveAttributeAsync("data-loading", "false", new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>(OnMap, new object[] { 32.58, 130.14 }), "still on the map after the load");
        Assert.True(await page.EvaluateAsync<bool>(OnMap, new object[] { 32.79, 130.74 }), "the stored post drawn by the load");
    }

    // Offers a post and waits until the live bus has published it (it is stored by then).
    private static async Task OfferAndWaitAsync(IIngestSink sink, SnsDashboard.Web.Live.PostBus bus, SnsDashboard.Core.Posts.Post post)
    {
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (bus.Subscribe(new SnsDashboard.Core.Live.PostFilter { LocatedOnly = true }, batch =>
        {
            if (batch.Any(p => p.Post.SourcePostId == post.SourcePostId)) published.TrySetResult();
            return Task.CompletedTask;
        }))
        {
            await sink.OfferAsync(post, OfferMode.Wait, default);
            await published.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task The_status_page_shows_the_replay_source_and_growing_counters()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "status");
        await Assertions.Expect(page.Locator("[data-testid=sources]")).ToContainTextAsync("replay", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=overall]")).ToContainTextAsync("正常");
        var stored = page.Locator("[data-testid=store]");
        await Assertions.Expect(stored).ToBeVisibleAsync();
        await ShotAsync(page, "status");
    }

    [Fact]
    public async Task The_language_link_switches_the_ui_to_English_and_back()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "feed");
        await Assertions.Expect(page.Locator("header nav")).ToContainTextAsync("ライブフィード");
        await page.Locator("[data-testid=lang-en]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/feed$"));
        await Assertions.Expect(page.Locator("header nav")).ToContainTextAsync("Live feed");
        // Wait until the interactive circuit has rendered (the pause button only works then):
        // its culture must be English too, not only the prerendered HTML.
        var pause = page.Locator("[data-testid=pause]");
        for (int i = 0; i < 15 && !(await pause.InnerTextAsync()).Contains("RESUME", StringComparison.OrdinalIgnoreCase); i++)
        {
            await pause.ClickAsync();
            await Task.Delay(500);
        }
        await Assertions.Expect(page.Locator("[data-testid=feed-state]")).ToContainTextAsync("Paused");
        await ShotAsync(page, "feed-english");
        await page.Locator("[data-testid=lang-ja]").ClickAsync();
        await Assertions.Expect(page.Locator("header nav")).ToContainTextAsync("ライブフィード");
    }

    private static async Task<(float X, float Y)> WaitForMarkerPointAsync(IPage page, double lat, double lon)
    {
        (float X, float Y) point = default;
        await WaitForAsync(async () =>
        {
            var p = await page.EvaluateAsync<float[]?>(
                """
                ([lat, lon]) => {
                  const el = document.getElementById('live-map');
                  const st = el && el._state;
                  if (!st) return null;
                  for (const m of st.markers.values()) {
                    const ll = m.getLatLng();
                    if (Math.abs(ll.lat - lat) < 1e-6 && Math.abs(ll.lng - lon) < 1e-6 && m._icon) {
                      const r = m._icon.getBoundingClientRect();
                      return [r.x + r.width / 2, r.y + r.height / 2];
                    }
                  }
                  return null;
                }
                """, new object[] { lat, lon });
            if (p is null) return false;
            point = (p[0], p[1]);
            return true;
        }, 30_000, "the injected marker");
        return point;
    }
}

public class SignInBrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_signs_in_and_returns_to_the_page_asked_for()
    {
        var page = await fx.NewPageAsync(role: null);
        await page.GotoAsync(fx.App.BaseAddress + "feed");
        await page.WaitForURLAsync(url => url.Contains("/signin"));
        await Assertions.Expect(page.GetByTestId("demo-signin")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "signin.png") });

        await page.GetByTestId("demo-analyst").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/feed"));
        await Assertions.Expect(page.GetByTestId("user")).ToContainTextAsync("アナリスト");

        await page.GetByTestId("signout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/signin"));
        await page.GotoAsync(fx.App.BaseAddress + "status");
        await page.WaitForURLAsync(url => url.Contains("/signin"));
    }

    [Fact]
    public async Task A_configured_user_signs_in_with_a_password()
    {
        var page = await fx.NewPageAsync(role: null);
        await page.GotoAsync(fx.App.BaseAddress + "signin");
        await page.Locator("input[name='Input.Name']").FillAsync("admin1");
        await page.Locator("input[name='Input.Password']").FillAsync(TestAccounts.Password("admin"));
        await page.Locator("[data-testid=signin-form] button").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        await Assertions.Expect(page.GetByTestId("user")).ToContainTextAsync("管理者");
    }
}
