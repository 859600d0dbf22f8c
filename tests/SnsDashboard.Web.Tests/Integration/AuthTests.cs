using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Web.Security;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

public class AuthTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/map")]
    [InlineData("/feed")]
    [InlineData("/status")]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page(string path)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/signin?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("益城", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_clients_and_wrong_keys_with_401()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/hubs/posts/negotiate?negotiateVersion=1", null)).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/hubs/posts/negotiate?negotiateVersion=1");
        wrong.Headers.Authorization = new("Bearer", "not-the-key-0123456789abcdef");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Post, "/hubs/posts/negotiate?negotiateVersion=1");
        right.Headers.Authorization = new("Bearer", TestAccounts.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_sets_no_cookie()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await TestAccounts.PostSignInAsync(client, "analyst1", "wrong-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"signin-error\"", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sns.auth")));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_name_out_even_for_the_right_password()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            await TestAccounts.PostSignInAsync(client, "admin1", "guess-" + i);
        var response = await TestAccounts.PostSignInAsync(client, "admin1", TestAccounts.Password("admin"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, not the redirect of a success
        Assert.Contains("signin-error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demo_sign_in_is_not_offered_or_accepted_off_loopback()
    {
        // The in-memory test server has no loopback socket: exactly the "not loopback" case.
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var html = await client.GetStringAsync("/signin");
        Assert.DoesNotContain("demo-signin", html);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await factory.SignedInClientAsync(allowAutoRedirect: false);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/status")).StatusCode);
        var page = await client.GetStringAsync("/status");
        var signout = await client.PostAsync("/auth/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.Redirect, signout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/status")).StatusCode);
    }

    [Theory]
    [InlineData("operator", DashboardPolicies.Operator, true)]
    [InlineData("operator", DashboardPolicies.Analyst, false)]
    [InlineData("analyst", DashboardPolicies.Analyst, true)]
    [InlineData("analyst", DashboardPolicies.Admin, false)]
    [InlineData("admin", DashboardPolicies.Analyst, true)]
    [InlineData("admin", DashboardPolicies.Admin, true)]
    public async Task Policies_follow_the_role_ladder(string role, string policy, bool allowed)
    {
        var auth = factory.Services.GetRequiredService<IAuthorizationService>();
        var result = await auth.AuthorizeAsync(UserDirectory.Demo(role), policy);
        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task A_principal_without_a_role_gets_nothing()
    {
        var auth = factory.Services.GetRequiredService<IAuthorizationService>();
        var nobody = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "test"));
        Assert.False((await auth.AuthorizeAsync(nobody, DashboardPolicies.Operator)).Succeeded);
    }
}
