using System.Net;
using SnsDashboard.Web.Components.Pages.SourceAdmin;
using SnsDashboard.Web.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace SnsDashboard.Web.Tests.Sources;

public sealed class SecretSourcesFactory : DashboardFactory
{
    public const string Secret = "very-secret-bearer-value";
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Sources:X:BearerToken"] = Secret,
        ["Sources:Webhook:Clients:0:Name"] = "cityform",
        ["Sources:Webhook:Clients:0:HmacSecret"] = Secret + "-hmac",
    };
}

public class SourceAdminTests(SecretSourcesFactory factory) : IClassFixture<SecretSourcesFactory>
{
    [Fact]
    public async Task Admins_see_the_source_configuration_with_secrets_masked()
    {
        var client = await factory.SignedInClientAsync("admin");
        var html = await client.GetStringAsync("/admin/sources");
        Assert.Contains("Sources:X:BaseUrl", html);
        Assert.Contains("Sources:Bluesky:JetstreamUrl", html);
        Assert.Contains("Sources:X:BearerToken", html);
        Assert.DoesNotContain(SecretSourcesFactory.Secret, html);
    }

    [Fact]
    public async Task Operators_are_refused()
    {
        var client = await factory.SignedInClientAsync("operator", allowAutoRedirect: false);
        var response = await client.GetAsync("/admin/sources");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("BearerToken", true)]
    [InlineData("HmacSecret", true)]
    [InlineData("AccessToken", true)]
    [InlineData("Token", true)]
    [InlineData("BaseUrl", false)]
    [InlineData("JetstreamUrl", false)]
    public void Secret_keys_are_recognised_by_name(string leaf, bool secret) => Assert.Equal(secret, SourceSettings.IsSecret(leaf));

    [Fact]
    public void Settings_rows_mask_secret_values()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sources:Misskey:Servers:0:Token"] = "abc", ["Sources:Misskey:Servers:0:BaseUrl"] = "https://m.example.jp",
        }).Build();
        var rows = SourceSettings.Read(config);
        Assert.Equal("********", rows.Single(r => r.Key.EndsWith("Token")).Value);
        Assert.Equal("https://m.example.jp", rows.Single(r => r.Key.EndsWith("BaseUrl")).Value);
    }
}
