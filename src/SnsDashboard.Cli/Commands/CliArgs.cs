namespace SnsDashboard.Cli.Commands;

/// <summary>Minimal argument parsing: positional arguments and "--name value" options.</summary>
public static class CliArgs
{
    public static bool TryParse(string[] args, IReadOnlyCollection<string> valueOptions,
        out List<string> positional, out Dictionary<string, string> options, out string? error)
    {
        positional = [];
        options = [];
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (!valueOptions.Contains(a)) { error = $"unknown option {a}"; return false; }
                if (i + 1 >= args.Length) { error = $"option {a} needs a value"; return false; }
                options[a] = args[++i];
            }
            else positional.Add(a);
        }
        return true;
    }
}
