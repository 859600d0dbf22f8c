using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>A quiet dashboard (no replay) with the webhook on, so a test knows every post on screen.</summary>
public sealed class WebhookBrowserFixture : BrowserFixture
{
    public const string Token = "e2e-city-token-0123456789";

    protected override IDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Sources:Replay:Enabled"] = "false",
        ["Live:BatchIntervalMs"] = "250",
        ["Sources:Webhook:Enabled"] = "true",
        ["Sources:Webhook:Clients:0:Name"] = "cityform",
        ["Sources:Webhook:Clients:0:Token"] = Token,
    };

    public HttpClient Sender()
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }
}

/// <summary>Changes to posts already on screen arrive without a reload: a post deleted at its
/// source leaves the map, the feed and the details panel; a claim disputed by a later denial
/// restyles the markers and rows of the posts already shown.</summary>
public class LiveChangesBrowserTests(WebhookBrowserFixture fx) : IClassFixture<WebhookBrowserFixture>
{
    private const string Source = "webhook:cityform";

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });

    private static async Task PostAsync(HttpClient sender, string id, string text, double? lat = null, double? lon = null)
    {
        var post = new Dictionary<string, object?>
        {
            ["schema_version"] = "1", ["source"] = Source, ["source_post_id"] = id, ["text"] = text,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("o"), ["author"] = new { id = "reporter-" + id },
        };
        if (lat is not null) post["geo"] = new { lat, lon, kind = "exact" };
        var response = await sender.PostAsync(WebhookEndpoints.PostsPath,
            new StringContent(JsonSerializer.Serialize(new { posts = new[] { post } }), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The claim status the map holds for the marker whose text contains <paramref name="text"/> (null: no such marker).</summary>
    private static Task<string?> MarkerClaimStatusAsync(IPage page, string text) => page.EvaluateAsync<string?>("""
        text => {
            for (const m of document.getElementById('live-map')._state?.markers.values() ?? [])
                if (m._post?.text.includes(text)) return m._post.claimStatus ?? 'none';
            return null;
        }
        """, text);

    private static async Task<IPage> OpenAsync(WebhookBrowserFixture fx, string path)
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + path);
        return page;
    }

    private static async Task WaitForMapAsync(IPage page) =>
        await page.Locator("#live-map[data-marker-count]").WaitForAsync(new() { Timeout = 60_000 });

    [Fact]
    public async Task A_post_deleted_by_its_sender_disappears_from_map_feed_and_details_without_reload()
    {
        var map = await OpenAsync(fx, "map");
        var feed = await OpenAsync(fx, "feed");
        await WaitForMapAsync(map);
        using var sender = fx.Sender();
        var id = "del-" + Guid.NewGuid().ToString("N")[..8];
        const string text = "#救助 天草灘の漁船から連絡、船体が傾いて3人が取り残されています";
        // A lonely spot in the sea west of Kumamoto: the marker stands alone.
        await PostAsync(sender, id, text, 32.62, 130.18);

        var mapCount = map.Locator("#live-map");
        await Assertions.Expect(mapCount).ToHaveAttributeAsync("data-marker-count", "1", new() { Timeout = 30_000 });
        var row = feed.Locator("[data-testid=feed-text]", new() { HasTextString = "天草灘の漁船" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // The operator opens the post's details from its marker.
        await map.EvaluateAsync("([lat, lon]) => document.getElementById('live-map')._state.map.setView([lat, lon], 13, { animate: false })",
            new object[] { 32.62, 130.18 });
        var details = map.Locator("[data-testid=post-details]");
        for (int i = 0; i < 20 && !await details.IsVisibleAsync(); i++)
        {
            await map.Locator(".post-marker").First.ClickAsync(new() { Timeout = 5_000 });
            await Task.Delay(500);
        }
        await Assertions.Expect(details.Locator("[data-testid=post-text]")).ToHaveTextAsync(text);
        await ShotAsync(map, "live-delete-before");

        var response = await sender.DeleteAsync($"{WebhookEndpoints.PostsPath}/{Source}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await Assertions.Expect(mapCount).ToHaveAttributeAsync("data-marker-count", "0", new() { Timeout = 10_000 });
        await Assertions.Expect(map.Locator(".post-marker")).ToHaveCountAsync(0);
        await Assertions.Expect(details).ToHaveCountAsync(0);
        await Assertions.Expect(map.Locator("[data-testid=marker-count]")).ToContainTextAsync(": 0");
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await ShotAsync(map, "live-delete-after");
        await ShotAsync(feed, "live-delete-after-feed");
    }

    [Fact]
    public async Task A_rumour_already_on_screen_turns_disputed_when_a_denial_arrives()
    {
        var map = await OpenAsync(fx, "map");
        var feed = await OpenAsync(fx, "feed");
        await WaitForMapAsync(map);
        using var sender = fx.Sender();
        var run = Guid.NewGuid().ToString("N")[..8];
        await PostAsync(sender, "rumour-" + run, "熊本市東区健軍本町の大型スーパーが全焼したらしい、拡散希望");

        for (int i = 0; i < 300 && await MarkerClaimStatusAsync(map, "大型スーパーが全焼したらしい") is null; i++) await Task.Delay(200);
        Assert.Equal("unverified", await MarkerClaimStatusAsync(map, "大型スーパーが全焼したらしい"));
        var rowBadge = feed.Locator(".rz-data-row", new() { HasTextString = "大型スーパーが全焼したらしい" }).Locator("[data-testid=claim-badge]");

        // A resident denies it: the claim becomes disputed (矛盾情報あり) on the open map and feed.
        await PostAsync(sender, "denial-" + run, "健軍本町の大型スーパーが全焼というのはデマです。営業しています");
        for (int i = 0; i < 300 && await MarkerClaimStatusAsync(map, "大型スーパーが全焼したらしい") == "unverified"; i++) await Task.Delay(200);
        Assert.Equal("disputed", await MarkerClaimStatusAsync(map, "大型スーパーが全焼したらしい"));
        await Assertions.Expect(rowBadge).ToHaveAttributeAsync("data-status", "disputed", new() { Timeout = 30_000 });

        // The operator zooms in: the marker carries the disputed ring and its popup the warning sign.
        await map.EvaluateAsync("""
            () => { const st = document.getElementById('live-map')._state;
                    for (const m of st.markers.values()) if (m._post.text.includes('全焼したらしい')) st.map.setView(m.getLatLng(), 16, { animate: false }); }
            """);
        var disputedDot = map.Locator(".post-dot[data-claim-status=disputed]");
        await Assertions.Expect(disputedDot).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var popupHead = map.Locator(".post-popup-head");
        for (int i = 0; i < 10 && !await popupHead.IsVisibleAsync(); i++)
        {
            await disputedDot.ClickAsync(new() { Timeout = 10_000 });
            await Task.Delay(500);
        }
        await Assertions.Expect(popupHead).ToContainTextAsync("⚠", new() { Timeout = 15_000 });
        await ShotAsync(map, "live-claim-disputed");
        await ShotAsync(feed, "live-claim-disputed-feed");
    }
}
