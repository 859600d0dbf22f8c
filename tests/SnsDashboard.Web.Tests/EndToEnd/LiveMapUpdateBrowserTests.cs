using Microsoft.Playwright;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>
/// Issue 2 latency: a live update reaches the browser as ONE call (applyLiveUpdate) carrying the
/// removals, the new markers and the claim restyles; a running playback (MapLayerPanel) still
/// hides new posts later than its time. Driven through the page's own map module, with markers
/// far from the replay's posts.
/// </summary>
public class LiveMapUpdateBrowserTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    private const string Marker = "(id, createdMs) => ({ id, lat: 45.1, lon: 142.1, colour: '#d32f2f', category: 'テスト', createdMs, ingestedMs: Date.now(), text: '<b>x</b>', grade: 'B2', time: '10:00', precisionM: 0, claimStatus: 'unverified' })";

    [Fact]
    public async Task One_update_removes_adds_and_restyles_in_order_and_playback_hides_posts_later_than_its_time()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync(fx.App.BaseAddress + "map");
        await page.WaitForFunctionAsync("() => document.getElementById('live-map')?._state?.playback", null, new() { Timeout = 60_000 });

        var result = await page.EvaluateAsync<string>($$"""
            async () => {
                const mod = await import('./Components/Pages/LiveMap/LiveMap.razor.js');
                const el = document.getElementById('live-map'), st = el._state, marker = {{Marker}};
                const now = Date.now();
                await mod.applyLiveUpdate(el, { remove: [], add: [marker(-901, now), marker(-902, now)], claims: [] });
                // One update: 901 leaves, 903 arrives, 902 and the new 903 are restyled after the add.
                await mod.applyLiveUpdate(el, { remove: [-901], add: [marker(-903, now)],
                    claims: [{ id: -902, grade: 'B2 ⚠', status: 'disputed' }, { id: -903, grade: 'C1', status: 'debunked' }] });
                const look = id => st.markers.get(id)?.options.icon.options.look.status ?? 'none';
                const order = [st.markers.has(-901), st.markers.has(-902), st.markers.has(-903), look(-902), look(-903)].join(',');
                // Playback paused at the start of the window: a post arriving now stays hidden.
                const slider = document.querySelector('[data-testid=playback-slider]');
                slider.value = '0';
                slider.dispatchEvent(new Event('input', { bubbles: true }));
                slider.dispatchEvent(new Event('change', { bubbles: true }));
                await new Promise(r => setTimeout(r, 200));
                const paused = st.playback.t !== null;
                await mod.applyLiveUpdate(el, { remove: [], add: [marker(-904, now + 60000)], claims: [] });
                const m = st.markers.get(-904);
                return [order, paused, !!m && st.hiddenByPlayback.has(m) && !st.cluster.hasLayer(m)].join('|');
            }
            """);

        Assert.Equal("false,true,true,disputed,debunked|true|true", result);
    }
}
