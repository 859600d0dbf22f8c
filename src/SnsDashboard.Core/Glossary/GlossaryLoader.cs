using System.Globalization;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Glossary;

/// <summary>
/// Reads the keyword glossary folder (keyword-glossary/README.md describes the format): one file
/// per stable category (<c>rescue_request.tsv</c>, …), <c>hazards.tsv</c> for hazard-only words,
/// <c>exclusions.tsv</c> and <c>hashtags.tsv</c>. Columns are separated by tabs (or, in a line
/// without tabs, by spaces); blank lines and lines starting with "# " or "//" are comments.
/// </summary>
/// <remarks>
/// Every problem in every file is collected (a bad line does not hide the next one), then the whole
/// glossary is validated (<see cref="GlossaryValidator"/>). Any error refuses the whole glossary:
/// nothing is ever half-loaded.
/// </remarks>
public static class GlossaryLoader
{
    public const string HazardsFile = "hazards.tsv";
    public const string ExclusionsFile = "exclusions.tsv";
    public const string HashtagsFile = "hashtags.tsv";

    /// <summary>Loads and validates the folder; throws <see cref="GlossaryValidationException"/> listing every error.</summary>
    public static GlossarySnapshot LoadDirectory(string dir)
    {
        var (snapshot, issues) = ReadDirectory(dir);
        if (snapshot is null || issues.Any(i => i.IsError)) throw new GlossaryValidationException(issues);
        return snapshot.Compile();
    }

    /// <summary>Reads and validates the folder without throwing on content errors (for
    /// <c>glossary validate</c>); the snapshot is null when any error was found.</summary>
    public static (GlossarySnapshot? Snapshot, IReadOnlyList<GlossaryIssue> Issues) ReadDirectory(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"glossary folder not found: {dir}");
        var issues = new List<GlossaryIssue>();
        var files = Directory.GetFiles(dir, "*.tsv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            return (null, [GlossaryIssue.Error(Path.GetFileName(dir), 0, null, "no .tsv files in the glossary folder")]);
        var texts = files.Select(f => (Path.GetFileName(f), (IReadOnlyList<string>)File.ReadAllLines(f, System.Text.Encoding.UTF8)));
        var glossary = Parse(texts, issues);
        glossary = glossary with { Version = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))) };
        issues.AddRange(GlossaryValidator.Validate(glossary));
        return (issues.Any(i => i.IsError) ? null : Build(glossary), issues);
    }

    /// <summary>Parses the files of a glossary (name → lines) into entries, collecting format problems.</summary>
    public static GlossaryContent Parse(IEnumerable<(string File, IReadOnlyList<string> Lines)> files, List<GlossaryIssue> issues)
    {
        var terms = new List<GlossaryTerm>();
        var exclusions = new List<GlossaryExclusion>();
        var hashtags = new List<GlossaryHashtag>();
        foreach (var (name, lines) in files)
        {
            string id = Path.GetFileNameWithoutExtension(name);
            if (name == ExclusionsFile) exclusions.AddRange(ParseExclusions(name, lines, issues));
            else if (name == HashtagsFile) hashtags.AddRange(ParseHashtags(name, lines, issues));
            else if (name == HazardsFile) terms.AddRange(ParseTerms(name, lines, GlossaryTerm.HazardOnly, issues));
            else if (Taxonomy.IsCategory(id)) terms.AddRange(ParseTerms(name, lines, id, issues));
            else issues.Add(GlossaryIssue.Error(name, 0, null,
                $"'{id}' is not a stable category id; rename the file to one of: {string.Join(", ", Taxonomy.Categories)}"));
        }
        return new GlossaryContent("draft", terms, exclusions, hashtags);
    }

    /// <summary>Builds a compiled snapshot from validated content.</summary>
    public static GlossarySnapshot Build(GlossaryContent content) => new GlossarySnapshot
    {
        Version = content.Version,
        Terms = content.Terms,
        Exclusions = content.Exclusions,
        Hashtags = content.Hashtags,
    }.Compile();

    /// <summary>Builds a snapshot from entries in memory (tests, the glossary editor's preview).</summary>
    public static GlossarySnapshot FromEntries(string version, IEnumerable<GlossaryTerm> terms,
        IEnumerable<GlossaryExclusion>? exclusions = null, IEnumerable<GlossaryHashtag>? hashtags = null) =>
        Build(new GlossaryContent(version, terms.ToArray(), exclusions?.ToArray() ?? [], hashtags?.ToArray() ?? []));

    /// <summary>Parses the text of one category file; throws on the first bad line (tests, small edits).</summary>
    public static IReadOnlyList<GlossaryTerm> ParseTerms(string file, IReadOnlyList<string> lines, string category)
    {
        var issues = new List<GlossaryIssue>();
        var terms = ParseTerms(file, lines, category, issues);
        return issues.FirstOrDefault(i => i.IsError) is { } e ? throw new GlossaryFormatException(e.File, e.Line, e.Message) : terms;
    }

    public static IReadOnlyList<GlossaryTerm> ParseTerms(string file, IReadOnlyList<string> lines, string category, List<GlossaryIssue> issues)
    {
        var result = new List<GlossaryTerm>();
        foreach (var (no, cols) in Rows(file, lines, issues))
        {
            if (cols.Length is < 3 or > 6)
            {
                issues.Add(GlossaryIssue.Error(file, no, cols[0],
                    $"expected 3 to 6 columns (term, hazards, weight[, variants[, contexts[, sub-category]]]), found {cols.Length}"));
                continue;
            }
            string term = cols[0];
            if (!TryParseHazards(file, no, term, cols[1], issues, out var hazards)) continue;
            if (category == GlossaryTerm.HazardOnly && hazards.Count == 0)
            {
                issues.Add(GlossaryIssue.Error(file, no, term, "a hazard-only term needs at least one hazard"));
                continue;
            }
            if (!double.TryParse(cols[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || weight is < 0 or > 10)
            {
                issues.Add(GlossaryIssue.Error(file, no, term, $"weight '{cols[2]}' is not a number between 0 and 10"));
                continue;
            }
            result.Add(new GlossaryTerm(term, category, hazards, weight, List(cols, 3))
            {
                Contexts = List(cols, 4),
                SubCategory = cols.Length > 5 && cols[5] != "-" ? cols[5] : null,
                Origin = $"{file}:{no}",
            });
        }
        return result;
    }

    private static string[] List(string[] cols, int at) =>
        cols.Length > at && cols[at] != "-" ? cols[at].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    public static IReadOnlyList<GlossaryExclusion> ParseExclusions(string file, IReadOnlyList<string> lines, List<GlossaryIssue> issues)
    {
        var result = new List<GlossaryExclusion>();
        foreach (var (no, cols) in Rows(file, lines, issues))
        {
            if (cols.Length != 2) { issues.Add(GlossaryIssue.Error(file, no, cols[0], $"expected 2 columns (term, kind), found {cols.Length}")); continue; }
            if (!ExclusionKinds.All.Contains(cols[1]))
            {
                issues.Add(GlossaryIssue.Error(file, no, cols[0], $"unknown exclusion kind '{cols[1]}' (expected {string.Join("|", ExclusionKinds.All)})"));
                continue;
            }
            result.Add(new GlossaryExclusion(cols[0], cols[1]) { Origin = $"{file}:{no}" });
        }
        return result;
    }

    public static IReadOnlyList<GlossaryHashtag> ParseHashtags(string file, IReadOnlyList<string> lines, List<GlossaryIssue> issues)
    {
        var result = new List<GlossaryHashtag>();
        foreach (var (no, cols) in Rows(file, lines, issues))
        {
            if (cols.Length != 4)
            {
                issues.Add(GlossaryIssue.Error(file, no, cols[0], $"expected 4 columns (tag, category, hazards, priority), found {cols.Length}"));
                continue;
            }
            if (!cols[0].StartsWith('#') || cols[0].Length < 2) { issues.Add(GlossaryIssue.Error(file, no, cols[0], "a tag must start with '#'")); continue; }
            string? category = cols[1] == "-" ? null : cols[1];
            if (category is not null && !Taxonomy.IsCategory(category)) { issues.Add(GlossaryIssue.Error(file, no, cols[0], $"unknown category '{category}'")); continue; }
            if (!HashtagPriorities.All.Contains(cols[3]))
            {
                issues.Add(GlossaryIssue.Error(file, no, cols[0], $"unknown priority '{cols[3]}' (expected {string.Join("|", HashtagPriorities.All)})"));
                continue;
            }
            if (!TryParseHazards(file, no, cols[0], cols[2], issues, out var hazards)) continue;
            result.Add(new GlossaryHashtag(cols[0], category, hazards, cols[3]) { Origin = $"{file}:{no}" });
        }
        return result;
    }

    private static bool TryParseHazards(string file, int line, string term, string column, List<GlossaryIssue> issues, out IReadOnlyList<string> hazards)
    {
        hazards = [];
        if (column == "-") return true;
        var list = column.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var h in list)
        {
            if (Taxonomy.IsHazard(h)) continue;
            issues.Add(GlossaryIssue.Error(file, line, term, $"unknown hazard '{h}' (expected {string.Join(", ", Taxonomy.Hazards)})"));
            return false;
        }
        hazards = list;
        return true;
    }

    private static IEnumerable<(int Line, string[] Columns)> Rows(string file, IReadOnlyList<string> lines, List<GlossaryIssue> issues)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (i == 0) line = line.TrimStart('\uFEFF');
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed == "#"
                || (trimmed.StartsWith('#') && char.IsWhiteSpace(trimmed[1])))
                continue;
            if (line.Contains('\uFFFD'))
            {
                issues.Add(GlossaryIssue.Error(file, i + 1, null, "the line is not valid UTF-8 (save the file as UTF-8)"));
                continue;
            }
            string[] cols = line.Contains('\t')
                ? line.Split('\t', StringSplitOptions.TrimEntries)
                : trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (Array.Exists(cols, c => c.Length == 0))
            {
                issues.Add(GlossaryIssue.Error(file, i + 1, cols[0].Length > 0 ? cols[0] : null, "empty column (write '-' for none)"));
                continue;
            }
            yield return (i + 1, cols);
        }
    }
}

/// <summary>The entries of one glossary version, before compilation (what the store and the editor keep).</summary>
public sealed record GlossaryContent(
    string Version,
    IReadOnlyList<GlossaryTerm> Terms,
    IReadOnlyList<GlossaryExclusion> Exclusions,
    IReadOnlyList<GlossaryHashtag> Hashtags)
{
    public static GlossaryContent Of(GlossarySnapshot s) => new(s.Version, s.Terms, s.Exclusions, s.Hashtags);
}

/// <summary>One problem found while loading or validating a glossary.</summary>
public sealed record GlossaryIssue(string File, int Line, string? Term, bool IsError, string Message)
{
    public static GlossaryIssue Error(string file, int line, string? term, string message) => new(file, line, term, true, message);
    public static GlossaryIssue Warning(string file, int line, string? term, string message) => new(file, line, term, false, message);

    /// <summary>"rescue_request.tsv:7: error: '動けない': …" — file and line first, like a compiler.</summary>
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : "")}: {(IsError ? "error" : "warning")}: {(Term is null ? "" : $"'{Term}': ")}{Message}";
}

/// <summary>A glossary file line that cannot be read; the message starts with "file:line:".</summary>
public sealed class GlossaryFormatException(string file, int line, string reason)
    : FormatException(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>A glossary was refused; <see cref="Issues"/> lists every problem (errors and warnings).</summary>
public sealed class GlossaryValidationException(IReadOnlyList<GlossaryIssue> issues)
    : FormatException(string.Join(Environment.NewLine, issues.Where(i => i.IsError).Select(i => i.ToString())))
{
    public IReadOnlyList<GlossaryIssue> Issues { get; } = issues;
}
