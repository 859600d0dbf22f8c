using System.Globalization;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Glossary;

/// <summary>
/// Reads the keyword glossary folder (keyword-glossary/README.md describes the format): one file
/// per stable category (<c>rescue_request.tsv</c>, …), <c>hazards.tsv</c> for hazard-only words,
/// <c>exclusions.tsv</c> and <c>hashtags.tsv</c>. Columns are separated by tabs (or, in a line
/// without tabs, by spaces); blank lines and lines starting with "# " or "//" are comments.
/// A bad line stops the load with a <see cref="GlossaryFormatException"/> naming file:line.
/// </summary>
public static class GlossaryLoader
{
    public const string HazardsFile = "hazards.tsv";
    public const string ExclusionsFile = "exclusions.tsv";
    public const string HashtagsFile = "hashtags.tsv";

    public static GlossarySnapshot LoadDirectory(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"glossary folder not found: {dir}");
        var terms = new List<GlossaryTerm>();
        var exclusions = new List<GlossaryExclusion>();
        var hashtags = new List<GlossaryHashtag>();
        var files = Directory.GetFiles(dir, "*.tsv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new GlossaryFormatException(dir, 0, "no .tsv files in the glossary folder");
        foreach (var path in files)
        {
            string name = Path.GetFileName(path);
            string id = Path.GetFileNameWithoutExtension(path);
            var lines = File.ReadAllLines(path, System.Text.Encoding.UTF8);
            if (name == ExclusionsFile) exclusions.AddRange(ParseExclusions(name, lines));
            else if (name == HashtagsFile) hashtags.AddRange(ParseHashtags(name, lines));
            else if (name == HazardsFile) terms.AddRange(ParseTerms(name, lines, GlossaryTerm.HazardOnly));
            else if (Taxonomy.IsCategory(id)) terms.AddRange(ParseTerms(name, lines, id));
            else throw new GlossaryFormatException(name, 0,
                $"'{id}' is not a stable category id; rename the file to one of: {string.Join(", ", Taxonomy.Categories)}");
        }
        return new GlossarySnapshot
        {
            Version = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))),
            Terms = terms,
            Exclusions = exclusions,
            Hashtags = hashtags,
        }.Compile();
    }

    /// <summary>Builds a snapshot from entries in memory (tests, the glossary editor's preview).</summary>
    public static GlossarySnapshot FromEntries(string version, IEnumerable<GlossaryTerm> terms,
        IEnumerable<GlossaryExclusion>? exclusions = null, IEnumerable<GlossaryHashtag>? hashtags = null) =>
        new GlossarySnapshot
        {
            Version = version,
            Terms = terms.ToArray(),
            Exclusions = exclusions?.ToArray() ?? [],
            Hashtags = hashtags?.ToArray() ?? [],
        }.Compile();

    /// <summary>Parses the text of one category file (exposed for the glossary editor and tests).</summary>
    public static IReadOnlyList<GlossaryTerm> ParseTerms(string file, IReadOnlyList<string> lines, string category)
    {
        var result = new List<GlossaryTerm>();
        foreach (var (no, cols) in Rows(file, lines))
        {
            if (cols.Length < 3 || cols.Length > 4)
                throw new GlossaryFormatException(file, no, $"expected 3 or 4 columns (term, hazards, weight[, variants]), found {cols.Length}");
            string term = cols[0];
            var hazards = ParseHazards(file, no, cols[1]);
            if (category == GlossaryTerm.HazardOnly && hazards.Count == 0)
                throw new GlossaryFormatException(file, no, $"hazard-only term '{term}' needs at least one hazard");
            if (!double.TryParse(cols[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || weight is < 0 or > 10)
                throw new GlossaryFormatException(file, no, $"weight '{cols[2]}' is not a number between 0 and 10");
            var variants = cols.Length == 4 && cols[3] != "-"
                ? cols[3].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [];
            result.Add(new GlossaryTerm(term, category, hazards, weight, variants));
        }
        return result;
    }

    public static IReadOnlyList<GlossaryExclusion> ParseExclusions(string file, IReadOnlyList<string> lines)
    {
        var result = new List<GlossaryExclusion>();
        foreach (var (no, cols) in Rows(file, lines))
        {
            if (cols.Length != 2) throw new GlossaryFormatException(file, no, $"expected 2 columns (term, kind), found {cols.Length}");
            if (!ExclusionKinds.All.Contains(cols[1]))
                throw new GlossaryFormatException(file, no, $"unknown exclusion kind '{cols[1]}' (expected {string.Join("|", ExclusionKinds.All)})");
            result.Add(new GlossaryExclusion(cols[0], cols[1]));
        }
        return result;
    }

    public static IReadOnlyList<GlossaryHashtag> ParseHashtags(string file, IReadOnlyList<string> lines)
    {
        var result = new List<GlossaryHashtag>();
        foreach (var (no, cols) in Rows(file, lines))
        {
            if (cols.Length != 4)
                throw new GlossaryFormatException(file, no, $"expected 4 columns (tag, category, hazards, priority), found {cols.Length}");
            if (!cols[0].StartsWith('#') || cols[0].Length < 2)
                throw new GlossaryFormatException(file, no, $"tag '{cols[0]}' must start with '#'");
            string? category = cols[1] == "-" ? null : cols[1];
            if (category is not null && !Taxonomy.IsCategory(category))
                throw new GlossaryFormatException(file, no, $"unknown category '{category}'");
            if (!HashtagPriorities.All.Contains(cols[3]))
                throw new GlossaryFormatException(file, no, $"unknown priority '{cols[3]}' (expected {string.Join("|", HashtagPriorities.All)})");
            result.Add(new GlossaryHashtag(cols[0], category, ParseHazards(file, no, cols[2]), cols[3]));
        }
        return result;
    }

    private static IReadOnlyList<string> ParseHazards(string file, int line, string column)
    {
        if (column == "-") return [];
        var list = column.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var h in list)
            if (!Taxonomy.IsHazard(h))
                throw new GlossaryFormatException(file, line, $"unknown hazard '{h}' (expected {string.Join(", ", Taxonomy.Hazards)})");
        return list;
    }

    private static IEnumerable<(int Line, string[] Columns)> Rows(string file, IReadOnlyList<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (i == 0) line = line.TrimStart('\uFEFF');
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed == "#"
                || (trimmed.StartsWith('#') && char.IsWhiteSpace(trimmed[1])))
                continue;
            string[] cols = line.Contains('\t')
                ? line.Split('\t', StringSplitOptions.TrimEntries)
                : trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (Array.Exists(cols, c => c.Length == 0))
                throw new GlossaryFormatException(file, i + 1, "empty column (write '-' for none)");
            yield return (i + 1, cols);
        }
    }
}

/// <summary>A glossary file line that cannot be read; the message starts with "file:line:".</summary>
public sealed class GlossaryFormatException(string file, int line, string reason)
    : FormatException(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
