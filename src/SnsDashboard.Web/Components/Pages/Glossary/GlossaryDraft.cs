using System.Globalization;
using SnsDashboard.Core.Glossary;

namespace SnsDashboard.Web.Components.Pages.Glossary;

/// <summary>
/// The analyst's working copy of the glossary on the page: edits, bulk paste and imports change it;
/// nothing reaches the live pipeline until it is validated and published as a whole.
/// </summary>
public sealed class GlossaryDraft
{
    private List<GlossaryTerm> _terms = [];
    private List<GlossaryExclusion> _exclusions = [];
    private List<GlossaryHashtag> _hashtags = [];

    /// <summary>The version the draft started from (recorded as based_on when published).</summary>
    public int? BasedOn { get; private set; }
    public bool IsDirty { get; private set; }
    /// <summary>How the draft is published: an edit, or (after a re-baseline was staged) a baseline.</summary>
    public string Kind { get; private set; } = GlossaryVersionKinds.Edit;
    public IReadOnlyList<GlossaryTerm> Terms => _terms;
    public IReadOnlyList<GlossaryExclusion> Exclusions => _exclusions;
    public IReadOnlyList<GlossaryHashtag> Hashtags => _hashtags;

    public void Load(GlossaryContent content, int? basedOn)
    {
        _terms = [.. content.Terms];
        _exclusions = [.. content.Exclusions];
        _hashtags = [.. content.Hashtags];
        BasedOn = basedOn;
        IsDirty = false;
        Kind = GlossaryVersionKinds.Edit;
    }

    /// <summary>Opens a staged re-baseline for review: published as kind baseline, based on the staged version.</summary>
    public void LoadStaged(GlossaryContent content, int stagedVersion)
    {
        Load(content, stagedVersion);
        IsDirty = true;
        Kind = GlossaryVersionKinds.Baseline;
    }

    public GlossaryContent ToContent() => new("draft", _terms.ToArray(), _exclusions.ToArray(), _hashtags.ToArray());

    /// <summary>Terms whose term, variants or contexts contain <paramref name="query"/> (normalised), in one category or all.</summary>
    public IEnumerable<GlossaryTerm> Search(string? query, string? category)
    {
        string q = SnsDashboard.Core.Text.TextNormaliser.NormaliseTerm(query ?? "");
        return _terms.Where(t => (string.IsNullOrEmpty(category) || t.Category == category)
            && (q.Length == 0 || t.Spellings.Concat(t.Contexts).Any(s => SnsDashboard.Core.Text.TextNormaliser.NormaliseTerm(s).Contains(q, StringComparison.Ordinal))));
    }

    /// <summary>Adds or replaces a term from the edit form; returns the problems (none = applied).
    /// Whole-glossary checks (duplicates across concepts) run again at publish.</summary>
    public IReadOnlyList<string> Upsert(GlossaryTerm? original, TermForm form)
    {
        var problems = new List<string>();
        string term = form.Term.Trim();
        if (term.Length == 0) problems.Add("term: required");
        if (!double.TryParse(form.Weight, NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || weight is < 0 or > 10)
            problems.Add("weight: a number from 0 to 10");
        var entry = new GlossaryTerm(term, form.Category, Split(form.Hazards, ','), weight, Split(form.Variants, '|'))
        {
            Contexts = Split(form.Contexts, '|'), SubCategory = string.IsNullOrWhiteSpace(form.SubCategory) ? null : form.SubCategory.Trim(),
            Origin = $"draft: {term}",
        };
        if (problems.Count == 0)
        {
            // Validate the entry on its own plus its clashes with the rest of the draft.
            var others = _terms.Where(t => !ReferenceEquals(t, original)).Append(entry).ToArray();
            problems.AddRange(GlossaryValidator.Validate(new GlossaryContent("draft", others, _exclusions, _hashtags))
                .Where(i => i.IsError && i.Term == term).Select(i => i.Message));
        }
        if (problems.Count > 0) return problems;
        int at = original is null ? -1 : _terms.FindIndex(t => ReferenceEquals(t, original));
        if (at >= 0) _terms[at] = entry; else _terms.Add(entry);
        IsDirty = true;
        return [];
    }

    public void Delete(GlossaryTerm term)
    {
        if (_terms.RemoveAll(t => ReferenceEquals(t, term)) > 0) IsDirty = true;
    }

    public void AddExclusion(string term, string kind)
    {
        if (string.IsNullOrWhiteSpace(term) || _exclusions.Exists(e => e.Term == term.Trim())) return;
        _exclusions.Add(new GlossaryExclusion(term.Trim(), kind));
        IsDirty = true;
    }

    public void DeleteExclusion(GlossaryExclusion e)
    {
        if (_exclusions.Remove(e)) IsDirty = true;
    }

    /// <summary>Bulk paste: lines in the category-file format (term, hazards, weight[, variants[, contexts[, sub]]]),
    /// tab-separated as copied from a spreadsheet. All lines are added, or none if any line is bad.</summary>
    public IReadOnlyList<GlossaryIssue> Paste(string text, string category)
    {
        var issues = new List<GlossaryIssue>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var parsed = GlossaryLoader.ParseTerms("paste", lines, category, issues);
        if (issues.Count == 0 && parsed.Count == 0) issues.Add(GlossaryIssue.Error("paste", 0, null, "nothing to add"));
        // Report every problem at once: the lines that parsed are still checked against the rest.
        issues.AddRange(GlossaryValidator.Validate(new GlossaryContent("draft", [.. _terms, .. parsed], _exclusions, _hashtags))
                .Where(i => i.IsError && i.File == "paste"));
        if (issues.Any(i => i.IsError)) return issues;
        _terms.AddRange(parsed);
        IsDirty = true;
        return issues;
    }

    /// <summary>Replaces the draft with an imported glossary (CSV in UTF-8 or Shift_JIS, or JSON), only if it is valid.</summary>
    public IReadOnlyList<GlossaryIssue> Import(string fileName, byte[] bytes)
    {
        var issues = new List<GlossaryIssue>();
        GlossaryContent? content;
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            string? json = GlossaryFiles.DecodeCsv(bytes, fileName, issues); // same UTF-8 check
            content = json is null ? null : GlossaryFiles.FromJson(json, fileName, issues);
        }
        else
        {
            string? csv = GlossaryFiles.DecodeCsv(bytes, fileName, issues);
            content = csv is null ? null : GlossaryFiles.FromCsv(csv, fileName, issues);
        }
        if (content is not null && !issues.Any(i => i.IsError)) issues.AddRange(GlossaryValidator.Validate(content));
        if (content is null || issues.Any(i => i.IsError)) return issues;
        _terms = [.. content.Terms];
        _exclusions = [.. content.Exclusions];
        _hashtags = [.. content.Hashtags];
        IsDirty = true;
        Kind = GlossaryVersionKinds.Import;
        return issues;
    }

    private static string[] Split(string? value, char sep) =>
        (value ?? "").Split(sep, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The edit form's fields (text, as typed).</summary>
public sealed class TermForm
{
    public string Term { get; set; } = "";
    public string Category { get; set; } = "rescue_request";
    public string Hazards { get; set; } = "";
    public string Weight { get; set; } = "1";
    public string Variants { get; set; } = "";
    public string Contexts { get; set; } = "";
    public string SubCategory { get; set; } = "";

    public static TermForm From(GlossaryTerm t) => new()
    {
        Term = t.Term, Category = t.Category, Hazards = string.Join(",", t.Hazards), Weight = t.Weight.ToString(CultureInfo.InvariantCulture),
        Variants = string.Join("|", t.Variants), Contexts = string.Join("|", t.Contexts), SubCategory = t.SubCategory ?? "",
    };
}
