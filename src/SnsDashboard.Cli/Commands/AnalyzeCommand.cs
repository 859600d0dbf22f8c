namespace SnsDashboard.Cli.Commands;

/// <summary><c>analyze</c>: runs the live pipeline's stages over a JSON-lines file (design.md §4.2).</summary>
public static class AnalyzeCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        throw new NotImplementedException();
}
