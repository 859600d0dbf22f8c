using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using SnsDashboard.Core.Security;

namespace SnsDashboard.Web.Tests.TestSupport;

/// <summary>Accounts the test hosts are configured with, and ways to sign in through the real
/// sign-in page (a form post with its antiforgery token), not a test-only shortcut.</summary>
public static partial class TestAccounts
{
    public const string ApiKey = "test-api-key-0123456789abcdef";
    public static string Password(string role) => "test-password-" + role;

    /// <summary>Configuration entries for one user per role (cheap hashes: tests sign in often)
    /// and an operator API key.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        string[] roles = ["operator", "analyst", "admin"];
        for (var i = 0; i < roles.Length; i++)
        {
            yield return new($"Auth:Users:{i}:Name", roles[i] + "1");
            yield return new($"Auth:Users:{i}:Role", roles[i]);
            yield return new($"Auth:Users:{i}:PasswordHash", PasswordHashing.Hash(Password(roles[i]), 10_000));
        }
        yield return new("Auth:ApiKeys:0:Name", "test-system");
        yield return new("Auth:ApiKeys:0:Key", ApiKey);
        yield return new("Auth:ApiKeys:0:Role", "operator");
    }

    /// <summary>An HttpClient holding the auth cookie of <c>&lt;role&gt;1</c>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this WebApplicationFactory<Program> factory, string role = "operator", bool allowAutoRedirect = true)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostSignInAsync(client, role + "1", Password(role));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {role} failed: {(int)response.StatusCode}");
        if (!allowAutoRedirect) return client;
        // Same cookies, but following redirects from here on.
        var follow = factory.CreateClient(new() { AllowAutoRedirect = true, HandleCookies = false });
        follow.DefaultRequestHeaders.Add("Cookie", string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        return follow;
    }

    /// <summary>Loads the sign-in page and posts its password form.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string name, string password)
    {
        var html = await client.GetStringAsync("/signin");
        var token = AntiforgeryToken(html);
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "password",
            ["Input.Name"] = name,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Signs a browser page in through the demo buttons (the browser tests' host is on
    /// loopback, where demo sign-in is available).</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string role = "operator")
    {
        await page.GotoAsync(baseAddress + "signin");
        await page.GetByTestId("demo-" + role).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
    }

    /// <summary>The antiforgery token of the first form on a server-rendered page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var input = AntiforgeryInput().Match(html);
        if (!input.Success) throw new InvalidOperationException("no antiforgery token on the page");
        return WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
