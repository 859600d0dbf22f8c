using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Glossary;

/// <summary>
/// Checks a whole glossary before it may be loaded or published. Errors refuse the glossary;
/// warnings are reported and the glossary still loads.
/// </summary>
/// <remarks>
/// Spellings are compared after <see cref="TextNormaliser"/> (the way the matcher sees them), so
/// タスケテ and たすけて are the same spelling. Rules:
/// <list type="bullet">
/// <item>error: a spelling that normalises to nothing, or longer than <see cref="MaxLength"/> characters;</item>
/// <item>error: a one-character kana or ASCII spelling (か, x) — it would match inside almost every post;</item>
/// <item>error: one spelling in two concepts, or a term that is also an exclusion — the match would be ambiguous;</item>
/// <item>error: the same concept, exclusion or hashtag twice; an unknown category;</item>
/// <item>warning: a variant that normalises to a spelling the concept already has (harmless, but noise);</item>
/// <item>warning: a one-character kanji term (火) — legal, but check it is meant.</item>
/// </list>
/// </remarks>
public static class GlossaryValidator
{
    /// <summary>Longest spelling accepted, in normalised characters (the longest real phrases are ~15).</summary>
    public const int MaxLength = 40;

    public static IReadOnlyList<GlossaryIssue> Validate(GlossaryContent g)
    {
        var issues = new List<GlossaryIssue>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal); // normalised spelling → owner description
        var concepts = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var t in g.Terms)
        {
            var (file, line) = Where(t.Origin, t.Category);
            if (t.Category != GlossaryTerm.HazardOnly && !Taxonomy.IsCategory(t.Category))
                issues.Add(GlossaryIssue.Error(file, line, t.Term, $"unknown category '{t.Category}'"));
            foreach (var h in t.Hazards)
                if (!Taxonomy.IsHazard(h)) issues.Add(GlossaryIssue.Error(file, line, t.Term, $"unknown hazard '{h}'"));
            if (t.Weight is < 0 or > 10 || double.IsNaN(t.Weight))
                issues.Add(GlossaryIssue.Error(file, line, t.Term, "weight must be between 0 and 10"));
            if (!concepts.TryAdd(t.Term, Describe(t.Origin, t.Category)))
                issues.Add(GlossaryIssue.Error(file, line, t.Term, $"the term is defined twice (also at {concepts[t.Term]})"));
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var spelling in t.Spellings)
            {
                string n = TextNormaliser.NormaliseTerm(spelling.Trim());
                if (!CheckSpelling(issues, file, line, t.Term, spelling, n)) continue;
                if (!own.Add(n))
                {
                    issues.Add(GlossaryIssue.Warning(file, line, t.Term, $"variant '{spelling}' is the same as another spelling once normalised"));
                    continue;
                }
                if (n.Length == 1 && !IsKana(n[0]) && !char.IsAscii(n[0]))
                    issues.Add(GlossaryIssue.Warning(file, line, t.Term, $"'{spelling}' is a single character; it matches inside many words"));
                if (owners.TryGetValue(n, out var other))
                    issues.Add(GlossaryIssue.Error(file, line, t.Term, $"spelling '{spelling}' is already used by {other}"));
                else owners[n] = $"'{t.Term}' ({Describe(t.Origin, t.Category)})";
            }
            foreach (var c in t.Contexts)
                if (TextNormaliser.NormaliseTerm(c).Length == 0)
                    issues.Add(GlossaryIssue.Error(file, line, t.Term, $"context '{c}' is empty once normalised"));
        }

        var seenExclusions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in g.Exclusions)
        {
            var (file, line) = Where(e.Origin, GlossaryLoader.ExclusionsFile);
            if (!ExclusionKinds.All.Contains(e.Kind)) issues.Add(GlossaryIssue.Error(file, line, e.Term, $"unknown exclusion kind '{e.Kind}'"));
            string n = TextNormaliser.NormaliseTerm(e.Term.Trim());
            if (!CheckSpelling(issues, file, line, e.Term, e.Term, n)) continue;
            if (!seenExclusions.Add(n)) { issues.Add(GlossaryIssue.Error(file, line, e.Term, "the exclusion is listed twice")); continue; }
            if (!ExclusionKinds.IsWindowed(e.Kind) && owners.TryGetValue(n, out var other))
                issues.Add(GlossaryIssue.Error(file, line, e.Term, $"the exclusion is also a term spelling of {other}"));
        }

        var seenTags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in g.Hashtags)
        {
            var (file, line) = Where(h.Origin, GlossaryLoader.HashtagsFile);
            if (!h.Tag.StartsWith('#') || h.Tag.Length < 2) issues.Add(GlossaryIssue.Error(file, line, h.Tag, "a tag must start with '#'"));
            if (h.Category is not null && !Taxonomy.IsCategory(h.Category)) issues.Add(GlossaryIssue.Error(file, line, h.Tag, $"unknown category '{h.Category}'"));
            if (!HashtagPriorities.All.Contains(h.Priority)) issues.Add(GlossaryIssue.Error(file, line, h.Tag, $"unknown priority '{h.Priority}'"));
            if (!seenTags.Add(TextNormaliser.NormaliseTerm(h.Tag))) issues.Add(GlossaryIssue.Error(file, line, h.Tag, "the hashtag is listed twice"));
        }
        return issues;
    }

    private static bool CheckSpelling(List<GlossaryIssue> issues, string file, int line, string term, string spelling, string normalised)
    {
        if (normalised.Trim().Length == 0)
        {
            issues.Add(GlossaryIssue.Error(file, line, term, $"spelling '{spelling}' is empty once normalised"));
            return false;
        }
        if (normalised.Length > MaxLength)
        {
            issues.Add(GlossaryIssue.Error(file, line, term, $"spelling is {normalised.Length} characters long (at most {MaxLength}); is this a whole sentence?"));
            return false;
        }
        if (normalised.Length == 1 && (IsKana(normalised[0]) || char.IsAscii(normalised[0])))
        {
            issues.Add(GlossaryIssue.Error(file, line, term, $"'{spelling}' is a single kana or letter; it would match inside almost every post"));
            return false;
        }
        return true;
    }

    private static bool IsKana(char c) => c is >= '\u3041' and <= '\u30FF';

    // Origin is "file:line" for entries read from the folder, or free text ("version 12") from the store.
    private static (string File, int Line) Where(string? origin, string fallback)
    {
        if (origin is null) return (fallback.EndsWith(".tsv", StringComparison.Ordinal) ? fallback : fallback + ".tsv", 0);
        int colon = origin.LastIndexOf(':');
        return colon > 0 && int.TryParse(origin.AsSpan(colon + 1), out int line) ? (origin[..colon], line) : (origin, 0);
    }

    private static string Describe(string? origin, string category) => origin ?? category;
}
