namespace SnsDashboard.Cli.Commands;

/// <summary><c>replay generate</c>: the deterministic synthetic generator for load tests.</summary>
public static class ReplayCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        throw new NotImplementedException();
}
