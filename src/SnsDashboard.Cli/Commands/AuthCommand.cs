using SnsDashboard.Core.Security;

namespace SnsDashboard.Cli.Commands;

/// <summary><c>sns auth hash-password</c>: turns a password read from standard input (so it never
/// appears in the shell history or the process list) into the hash that goes into
/// <c>Auth:Users:&lt;n&gt;:PasswordHash</c>.</summary>
public static class AuthCommand
{
    public const int MinPasswordLength = 12;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is not ["hash-password"])
        {
            error.WriteLine("usage: sns auth hash-password   (reads the password from standard input)");
            return 2;
        }
        var password = input.ReadLine()?.TrimEnd('\r', '\n') ?? "";
        if (password.Length < MinPasswordLength)
        {
            error.WriteLine($"error: the password must have at least {MinPasswordLength} characters.");
            return 2;
        }
        output.WriteLine(PasswordHashing.Hash(password));
        return 0;
    }
}
