namespace SnsDashboard.Core.Geo.Import;

/// <summary>A problem found while importing a file. <see cref="Line"/> is 1-based, 0 when the
/// problem concerns the whole file. Fatal issues reject the build; the others skip a row or a file.</summary>
public sealed record ImportIssue(string File, int Line, string Message, bool Fatal = false)
{
    public override string ToString() => $"{(Fatal ? "error" : "warning")}: {File}{(Line > 0 ? $":{Line}" : "")}: {Message}";
}

/// <summary>Collects issues during one build; caps the number kept per file so a broken file cannot flood the log.</summary>
public sealed class ImportLog
{
    private const int MaxPerFile = 50;
    private readonly List<ImportIssue> _issues = [];
    private readonly Dictionary<string, int> _perFile = new(StringComparer.Ordinal);

    public IReadOnlyList<ImportIssue> Issues => _issues;
    public int Count { get; private set; }
    public bool HasFatal { get; private set; }

    public void Add(string file, int line, string message, bool fatal = false)
    {
        Count++;
        HasFatal |= fatal;
        int n = _perFile.GetValueOrDefault(file) + 1;
        _perFile[file] = n;
        if (fatal || n <= MaxPerFile) _issues.Add(new ImportIssue(file, line, message, fatal));
        else if (n == MaxPerFile + 1) _issues.Add(new ImportIssue(file, 0, "further problems in this file are counted, not listed"));
    }
}
