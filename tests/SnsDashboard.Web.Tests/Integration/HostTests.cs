using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

public class HostTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/", "ライブ地図")]
    [InlineData("/map", "表示期間")]
    [InlineData("/feed", "ライブフィード")]
    [InlineData("/status", "パイプライン")]
    public async Task Pages_render_in_Japanese_by_default(string path, string expected)
    {
        var client = await factory.SignedInClientAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US"); // ignored: Japanese is the default
        var html = await client.GetStringAsync(path);
        Assert.Contains(expected, html);
        Assert.Contains("<html lang=\"ja\"", html);
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_and_pages_turn_English()
    {
        var client = await factory.SignedInClientAsync(allowAutoRedirect: false); // keeps cookies itself
        var switchResponse = await client.GetAsync("/culture?c=en&redirect=/status");
        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/status", switchResponse.Headers.Location!.OriginalString);
        Assert.Single(switchResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture"));

        var html = await client.GetStringAsync("/status");
        Assert.Contains("Pipeline", html);
        Assert.DoesNotContain("パイプライン", html);
    }

    [Fact]
    public async Task The_language_switch_refuses_to_redirect_off_site()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/culture?c=en&redirect=//evil.example/");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Health_reports_counters_sources_and_store_as_json()
    {
        var sink = factory.Services.GetRequiredService<IIngestSink>();
        await sink.OfferAsync(TestPosts.Make("health-1", "益城町で停電しています"), OfferMode.Wait, default);
        sink.ReportRejected("test", "line 1: malformed JSON");

        var store = factory.Services.GetRequiredService<IPostStore>();
        for (int i = 0; i < 100 && await store.CountAsync(new PostQuery()) == 0; i++) await Task.Delay(50);

        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("pipeline").GetProperty("accepted").GetInt64() >= 1);
        Assert.True(root.GetProperty("pipeline").GetProperty("rejected").GetInt64() >= 1);
        Assert.True(root.GetProperty("store").GetProperty("post_count").GetInt64() >= 1);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("sources").ValueKind);
    }
}
