using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

public class GlossaryEndpointTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task The_baseline_is_live_as_version_1_at_start()
    {
        _ = factory.CreateClient();
        Assert.Equal("v1", factory.Services.GetRequiredService<SnapshotHolder>().Current.Glossary.Version);
        var versions = await factory.Services.GetRequiredService<IGlossaryStore>().ListAsync();
        Assert.Equal(GlossaryVersionKinds.Baseline, Assert.Single(versions, v => v.Version == 1).Kind);
    }

    [Fact]
    public async Task Operators_cannot_download_the_glossary_analysts_can()
    {
        var op = await factory.SignedInClientAsync("operator", allowAutoRedirect: false);
        var denied = await op.GetAsync("/api/glossary/export?format=json");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain("救助", await denied.Content.ReadAsStringAsync());
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/glossary/x-rules")).StatusCode);
    }

    [Fact]
    public async Task Csv_exports_are_utf8_with_bom_and_shift_jis_and_read_back_equal()
    {
        var analyst = await factory.SignedInClientAsync("analyst");
        var utf8 = await analyst.GetByteArrayAsync("/api/glossary/export?format=csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), utf8[..3]);
        var sjis = await analyst.GetByteArrayAsync("/api/glossary/export?format=csv-sjis");
        Assert.NotEqual(0xEF, sjis[0]);

        var published = GlossaryContent.Of(factory.Services.GetRequiredService<SnapshotHolder>().Current.Glossary);
        foreach (var bytes in new[] { utf8, sjis })
        {
            var issues = new List<GlossaryIssue>();
            var text = GlossaryFiles.DecodeCsv(bytes, "export.csv", issues);
            var read = GlossaryFiles.FromCsv(text!, "export.csv", issues);
            Assert.DoesNotContain(issues, i => i.IsError);
            Assert.True(GlossaryDiff.Compare(published, read!).IsEmpty);
        }
    }

    [Fact]
    public async Task X_rules_fit_the_configured_limits()
    {
        var analyst = await factory.SignedInClientAsync("analyst");
        using var doc = JsonDocument.Parse(await analyst.GetStringAsync("/api/glossary/x-rules"));
        var limits = factory.Services.GetRequiredService<XRuleLimits>();
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.NotEmpty(rules);
        Assert.True(rules.Count <= limits.MaxRules);
        Assert.All(rules, r => Assert.True(r.GetProperty("value").GetString()!.Length <= limits.MaxRuleLength));
        Assert.StartsWith("glossary-rescue_request-", rules[0].GetProperty("tag").GetString());
    }
}
