using System.Text;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Glossary;

/// <summary>One X API v2 filtered-stream rule (protocols.md §1.2): the rule text and its tag.</summary>
public sealed record XRule(string Value, string Tag);

/// <summary>A glossary spelling that did not make it into any rule, and why.</summary>
public sealed record XRuleOmission(string Spelling, string Category, string Reason);

/// <summary>The compiled rules and everything that did not fit.</summary>
public sealed record XRuleSet(IReadOnlyList<XRule> Rules, IReadOnlyList<XRuleOmission> Omitted);

/// <summary>Limits of the X access level (they change; configuration, never constants in code).</summary>
public sealed record XRuleLimits
{
    /// <summary>Rules allowed per project (pay-per-use and Pro: 1,000).</summary>
    public int MaxRules { get; init; } = 1000;
    /// <summary>Characters per rule, operators and spaces included (pay-per-use and Pro: 1,024).</summary>
    public int MaxRuleLength { get; init; } = 1024;
    /// <summary>Appended to every rule; reposts are dropped because the original is what counts.</summary>
    public string Suffix { get; init; } = "-is:retweet";
    /// <summary>Prefix of every rule tag; the tag is prefix-category-n.</summary>
    public string TagPrefix { get; init; } = "glossary";
}

/// <summary>
/// Compiles a published glossary into filtered-stream rules: per category, an OR-group of quoted
/// phrases and hashtags, packed greedily up to the length limit, most urgent categories first so
/// that when the rule budget runs out it is hazard words, not rescue requests, that are left out.
/// </summary>
/// <remarks>
/// X only retrieves; every post is re-checked by our own matcher (X's Japanese tokenisation is not
/// documented), so rules carry no exclusions: a rule-level <c>-訓練</c> would also drop
/// 「#救助 訓練中の事故で…」, which our matcher keeps. Left out, with the reason: weak terms (they
/// never make a post relevant alone), place-name hashtag patterns (#〇〇市災害 cannot be expressed
/// as a rule), and whatever does not fit the limits.
/// </remarks>
public static class XRuleCompiler
{
    public static XRuleSet Compile(GlossaryContent glossary, XRuleLimits limits)
    {
        var rules = new List<XRule>();
        var omitted = new List<XRuleOmission>();
        var groups = new Dictionary<string, List<(string Item, double Weight, bool AddedForm)>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var h in glossary.Hashtags)
        {
            string category = h.Category ?? GlossaryTerm.HazardOnly;
            if (h.IsPattern) { omitted.Add(new(h.Tag, category, "place-name pattern: not expressible as a rule")); continue; }
            if (seen.Add(h.Tag)) Add(groups, category, h.Tag, h.Priority == HashtagPriorities.Critical ? 100 : 10);
        }
        foreach (var t in glossary.Terms)
        {
            foreach (var s in t.Spellings)
            {
                if (t.IsWeak) { omitted.Add(new(s, t.Category, "weak term: never relevant alone")); continue; }
                string phrase = s.Replace("\"", "", StringComparison.Ordinal).Trim();
                if (phrase.Length == 0 || !seen.Add(phrase)) continue;
                Add(groups, t.Category, $"\"{phrase}\"", t.Weight);
            }
        }
        // Our matcher folds katakana to hiragana; X does not. So each pure-kana spelling also goes in
        // its other script (たすけて → タスケテ), after every glossary spelling of the same weight, so
        // that when the budget runs out it is these added forms that are left out.
        foreach (var t in glossary.Terms.Where(t => !t.IsWeak))
            foreach (var s in t.Spellings)
                if (OtherKanaSpelling(s.Trim()) is { } other && seen.Add(other))
                    Add(groups, t.Category, $"\"{other}\"", t.Weight, addedForm: true);

        string suffix = limits.Suffix.Length > 0 ? " " + limits.Suffix : "";
        foreach (var (category, items) in groups.OrderBy(g => Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = items.OrderByDescending(i => i.Weight).ThenBy(i => i.AddedForm).ThenBy(i => i.Item, StringComparer.Ordinal).ToList();
            var current = new List<string>();
            int n = 0;
            foreach (var (item, _, _) in ordered)
            {
                if (Length(current, item, suffix) <= limits.MaxRuleLength) { current.Add(item); continue; }
                if (current.Count > 0) Flush(category, current, ref n);
                if (Length(current, item, suffix) <= limits.MaxRuleLength) current.Add(item);
                else omitted.Add(new(item, category, $"longer than {limits.MaxRuleLength} characters on its own"));
            }
            if (current.Count > 0) Flush(category, current, ref n);
        }
        return new XRuleSet(rules, omitted);

        void Flush(string category, List<string> items, ref int n)
        {
            string value = Render(items, suffix);
            if (rules.Count < limits.MaxRules) rules.Add(new XRule(value, $"{limits.TagPrefix}-{category}-{++n}"));
            else omitted.AddRange(items.Select(i => new XRuleOmission(i, category, $"rule limit of {limits.MaxRules} reached")));
            items.Clear();
        }
    }

    private static void Add(Dictionary<string, List<(string, double, bool)>> groups, string category, string item, double weight, bool addedForm = false)
    {
        if (!groups.TryGetValue(category, out var list)) groups[category] = list = [];
        list.Add((item, weight, addedForm));
    }

    /// <summary>
    /// The other kana script of a spelling written only in kana (hiragana ↔ katakana; ー and ・ kept),
    /// or null where that is not safe: mixed with kanji or Latin (川があふれ → 川がアフレ is not how
    /// people write), both scripts mixed, characters with no counterpart (ヵ ヶ ヷ–ヺ), or shorter than
    /// three characters (でま, ガス in the other script match unrelated words).
    /// </summary>
    public static string? OtherKanaSpelling(string spelling)
    {
        if (spelling.Length < 3) return null;
        bool hiragana = false, katakana = false;
        var chars = new char[spelling.Length];
        for (int i = 0; i < spelling.Length; i++)
        {
            char c = spelling[i];
            if (c is >= '\u3041' and <= '\u3094') { hiragana = true; chars[i] = (char)(c + 0x60); }
            else if (c is >= '\u30A1' and <= '\u30F4') { katakana = true; chars[i] = (char)(c - 0x60); }
            else if (c is 'ー' or '・') chars[i] = c;
            else return null;
        }
        return hiragana == katakana ? null : new string(chars);
    }

    // Rescue first, hazard-only words last.
    private static int Rank(string category) => category == GlossaryTerm.HazardOnly ? 99 : Taxonomy.Priority(category);

    private static int Length(List<string> current, string next, string suffix)
    {
        int len = suffix.Length + next.Length + (current.Count == 0 ? 0 : 2); // parentheses once there are two items
        foreach (var i in current) len += i.Length + 4; // " OR "
        return len;
    }

    private static string Render(List<string> items, string suffix)
    {
        var sb = new StringBuilder();
        if (items.Count > 1) sb.Append('(');
        sb.AppendJoin(" OR ", items);
        if (items.Count > 1) sb.Append(')');
        return sb.Append(suffix).ToString();
    }
}
