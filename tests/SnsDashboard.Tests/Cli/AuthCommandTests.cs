using SnsDashboard.Cli.Commands;
using SnsDashboard.Core.Security;

namespace SnsDashboard.Tests.Cli;

public class AuthCommandTests
{
    [Fact]
    public void Hash_password_prints_a_hash_that_verifies_and_never_the_password()
    {
        var output = new StringWriter();
        var code = AuthCommand.Run(["hash-password"], new StringReader("correct horse battery\n"), output, new StringWriter());
        Assert.Equal(0, code);
        var hash = output.ToString().Trim();
        Assert.DoesNotContain("correct horse", hash);
        Assert.True(PasswordHashing.Verify("correct horse battery", hash));
        Assert.False(PasswordHashing.Verify("correct horse batterx", hash));
    }

    [Fact]
    public void Short_passwords_are_refused()
    {
        var error = new StringWriter();
        Assert.Equal(2, AuthCommand.Run(["hash-password"], new StringReader("short"), new StringWriter(), error));
        Assert.Contains("at least", error.ToString());
    }
}

public class PasswordHashingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$100$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")] // too few iterations
    [InlineData("pbkdf2-sha256$210000$not base64$x")]
    [InlineData("md5$1$2$3")]
    public void Malformed_hashes_never_verify(string? encoded)
    {
        Assert.False(PasswordHashing.IsWellFormed(encoded));
        Assert.False(PasswordHashing.Verify("anything", encoded));
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_salt_and_both_verify()
    {
        var a = PasswordHashing.Hash("same password!", 10_000);
        var b = PasswordHashing.Hash("same password!", 10_000);
        Assert.NotEqual(a, b);
        Assert.True(PasswordHashing.Verify("same password!", a) && PasswordHashing.Verify("same password!", b));
    }
}
