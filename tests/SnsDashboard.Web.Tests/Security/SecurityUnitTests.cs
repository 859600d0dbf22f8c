using Microsoft.Extensions.Options;
using SnsDashboard.Core.Security;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Tests.Security;

public class SecurityUnitTests
{
    [Fact]
    public void The_throttle_locks_after_five_failures_and_releases_after_a_minute()
    {
        var time = new SteppedClock();
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++) throttle.RecordFailure("a");
        Assert.False(throttle.IsLockedOut("a"));
        throttle.RecordFailure("a");
        Assert.True(throttle.IsLockedOut("a"));
        Assert.False(throttle.IsLockedOut("b"));
        time.Now += SignInThrottle.LockoutTime;
        Assert.False(throttle.IsLockedOut("a"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://192.168.1.10:5080", false)]
    public void Only_loopback_listen_addresses_count_as_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, DemoSignIn.IsLoopbackAddress(address));

    [Theory]
    [InlineData("/feed", "/feed")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void Return_urls_stay_on_site(string? url, string expected) => Assert.Equal(expected, SafeReturnUrl.From(url));

    [Fact]
    public void The_validator_names_each_bad_entry_without_echoing_secrets()
    {
        var options = new AuthOptions
        {
            Users = [new() { Name = "a", Role = "root", PasswordHash = "secret-in-clear" }, new() { Name = "a", Role = "admin", PasswordHash = PasswordHashing.Hash("x-long-enough", 10_000) }],
            ApiKeys = [new() { Name = "k", Key = "short-key-value", Role = "operator" }],
        };
        var result = new AuthOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        var message = result.FailureMessage;
        Assert.Contains("Auth:Users:0:Role", message);
        Assert.Contains("Auth:Users:0:PasswordHash", message);
        Assert.Contains("'a' appears 2 times", message);
        Assert.Contains("Auth:ApiKeys:0:Key", message);
        Assert.DoesNotContain("secret-in-clear", message);
        Assert.DoesNotContain("short-key-value", message);
    }

    [Fact]
    public void Api_keys_map_to_their_role_and_unknown_keys_to_nobody()
    {
        var users = new UserDirectory(Options.Create(new AuthOptions { ApiKeys = [new() { Name = "gis", Key = new string('k', 30), Role = "analyst" }] }));
        Assert.True(users.CheckApiKey(new string('k', 30), "ApiKey")!.IsInRole("analyst"));
        Assert.Null(users.CheckApiKey(new string('k', 29), "ApiKey"));
    }
}

internal sealed class SteppedClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.Parse("2026-11-22T00:00:00Z");
    public override DateTimeOffset GetUtcNow() => Now;
}
