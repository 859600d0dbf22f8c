using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Claims;
using SnsDashboard.Web.Reliability;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Reliability;

public class ReliabilityEndpointTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Analysts_download_the_seeded_registry_and_operators_may_not()
    {
        var analyst = await factory.SignedInClientAsync("analyst");
        var response = await analyst.GetAsync("/registries/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("source,account_id,name,kind", csv.TrimStart('\uFEFF'));
        Assert.Contains("x-jma,気象庁,official", csv);

        var op = await factory.SignedInClientAsync("operator", allowAutoRedirect: false);
        Assert.NotEqual(HttpStatusCode.OK, (await op.GetAsync("/registries/export.csv")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await op.GetAsync("/registries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/registries")).StatusCode);
    }

    [Fact]
    public async Task A_registry_edit_reaches_the_pipeline_and_a_bad_import_changes_nothing()
    {
        var registry = factory.Services.GetRequiredService<RegistryService>();
        var snapshots = factory.Services.GetRequiredService<SnapshotHolder>();
        _ = factory.CreateClient(); // starts the host (and the registry loader)
        int version = registry.Version;
        var result = registry.Import("source,account_id,name,kind,sector,confirmed_reports,refuted_reports\nx,u-rep-9,SR-9,reporter,,8,0\n", false, "analyst1", version);
        Assert.True(result.Ok, string.Join("; ", result.Errors));
        Assert.Equal("reporter", snapshots.Current.Registry.Find("x", "u-rep-9")?.Kind);

        var bad = registry.Import("source,account_id,name,kind,sector,confirmed_reports,refuted_reports\nx,u-10,A,reporter,,1,0\nx,u-10,B,media,,,\nnowhere,u-11,C,official,,,\nx,u-12,D,guru,,-1,\n",
            false, "analyst1", registry.Version);
        Assert.False(bad.Ok);
        Assert.Contains(bad.Errors, e => e.Contains("line 3") && e.Contains("duplicated handle"));
        Assert.Contains(bad.Errors, e => e.Contains("line 4") && e.Contains("unknown source"));
        Assert.Contains(bad.Errors, e => e.Contains("line 5") && e.Contains("kind"));
        Assert.Contains(bad.Errors, e => e.Contains("line 5") && e.Contains("confirmed_reports"));
        Assert.Null(snapshots.Current.Registry.Find("x", "u-10"));
        Assert.Equal(result.Version, registry.Version);
    }

    [Fact]
    public async Task A_denial_disputes_the_claim_and_the_change_is_logged_and_served()
    {
        var client = await factory.SignedInClientAsync("operator");
        var sink = factory.Services.GetRequiredService<IIngestSink>();
        var board = factory.Services.GetRequiredService<ClaimStatusBoard>();
        var changed = new TaskCompletionSource<ClaimStatusChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Changed += c => { if (c.To == ClaimStatuses.Disputed) changed.TrySetResult(c); };
        var now = DateTimeOffset.UtcNow;
        await sink.OfferAsync(TestPosts.Make("rumour-" + Guid.NewGuid().ToString("N"), "熊本市東区の大型スーパーが全焼したらしい、拡散希望", now), OfferMode.Wait, default);
        await sink.OfferAsync(TestPosts.Make("denial-" + Guid.NewGuid().ToString("N"), "熊本市東区の大型スーパーが全焼したという話はデマです", now.AddSeconds(1)), OfferMode.Wait, default);
        var change = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The status log writer flushes twice a second.
        HttpResponseMessage response = null!;
        for (int i = 0; i < 50; i++)
        {
            response = await client.GetAsync($"/api/claims/{change.ClaimId}");
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains("\"history\":[{")) break;
            await Task.Delay(200);
        }
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"disputed\"", json);
        Assert.Contains("Contradicting information exists for this claim", json);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/claims/c-0000000000000000")).StatusCode);
    }
}
