namespace SnsDashboard.Cli.Commands;

/// <summary>Argument parsing shared by the verbs: positional arguments and "--name value" options.</summary>
public static class CliArgs
{
    public static bool TryParse(string[] args, IReadOnlyCollection<string> known,
        out Dictionary<string, string> options, out List<string> positional, out string error)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        positional = [];
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { positional.Add(arg); continue; }
            if (!known.Contains(arg)) { error = $"unknown option \"{arg}\""; return false; }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) { error = $"{arg} needs a value"; return false; }
            if (options.ContainsKey(arg)) { error = $"{arg} given twice"; return false; }
            options[arg] = args[++i];
        }
        return true;
    }
}
