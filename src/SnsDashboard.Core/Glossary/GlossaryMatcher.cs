using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Glossary;

/// <summary>Finds glossary terms in a post (pure).</summary>
/// <remarks>
/// Leftmost-longest scan of the normalised text over one index holding terms, variants,
/// exclusions, hashtags and location cues, so that a longer phrase wins over the words inside it
/// (避難訓練 is an exclusion, not 避難; 心が揺れる is a metaphor, not 揺れ). Rules:
/// <list type="bullet">
/// <item>kana-only terms shorter than three characters (ゆれ) count only next to another term;</item>
/// <item>a drill, awareness, fiction or retrospective phrase excludes the post (ExcludedBy = the
/// first such phrase); a planned-work phrase excludes it only when no hazard matched; metaphor and
/// abroad phrases never exclude;</item>
/// <item>no exclusion applies when the post carries #救助 (or another critical rescue tag), or a
/// rescue_request term together with a concrete place (address cue or a 市/町/村 name);</item>
/// <item>relevant = some category or hazard matched and the post is not excluded.</item>
/// </list>
/// Matches are reported with offsets into the original text, in text order; categories and hazards
/// in taxonomy order.
/// </remarks>
public static class GlossaryMatcher
{
    private const string RescueCategory = "rescue_request";

    public static GlossaryResult Match(Post post, NormalisedText text, GlossarySnapshot glossary)
    {
        var compiled = glossary.Compiled;
        var index = compiled.Index;
        var value = text.Value.AsSpan();

        List<(int Start, int Length, GlossaryTerm Term, bool Weak)>? terms = null;
        string? firstHardExclusion = null, firstPlannedExclusion = null;
        bool locationCue = false, criticalTag = false;
        List<(int Start, int Length, GlossaryHashtag Tag)>? tags = null;

        for (int i = index.NextCandidate(value, 0); i >= 0 && i < value.Length;)
        {
            var phrase = index.LongestAt(value, i);
            if (phrase is null) { i = index.NextCandidate(value, i + 1); continue; }
            int len = phrase.Text.Length;
            foreach (var p in phrase.Payloads)
            {
                if (p.Term is { } t)
                {
                    terms ??= [];
                    terms.Add((i, len, t, p.IsWeak));
                }
                else if (p.Exclusion is { } e)
                {
                    if (ExclusionKinds.AlwaysExcludes(e.Kind)) firstHardExclusion ??= e.Term;
                    else if (e.Kind == ExclusionKinds.Planned) firstPlannedExclusion ??= e.Term;
                }
                else if (p.Hashtag is { } h)
                {
                    tags ??= [];
                    tags.Add((i, len, h));
                    if (h.Priority == HashtagPriorities.Critical) criticalTag = true;
                }
                else if (p.IsLocationCue) locationCue = true;
            }
            i = index.NextCandidate(value, i + len);
        }

        if (compiled.Patterns.Count > 0) MatchTagPatterns(value, compiled, ref tags);
        if (!criticalTag) criticalTag = HasCriticalTagInMetadata(post, glossary);

        if (terms is null && tags is null)
            return firstHardExclusion is null && firstPlannedExclusion is null
                ? GlossaryResult.None
                : new GlossaryResult(false, [], [], [], firstHardExclusion ?? firstPlannedExclusion);

        // Weak (short kana) terms need a second, different term.
        if (terms is not null && terms.Exists(m => m.Weak))
        {
            bool hasStrong = terms.Exists(m => !m.Weak) || tags is not null;
            int distinct = terms.Select(m => m.Term.Term).Distinct().Count();
            if (!hasStrong && distinct < 2) terms.RemoveAll(m => m.Weak);
        }

        var categories = new HashSet<string>(StringComparer.Ordinal);
        var hazards = new HashSet<string>(StringComparer.Ordinal);
        var matches = new List<(int Start, int Order, TermMatch Match)>();
        bool rescueTerm = false;
        if (terms is not null)
        {
            foreach (var (start, length, term, _) in terms)
            {
                if (term.Category != GlossaryTerm.HazardOnly) categories.Add(term.Category);
                if (term.Category == RescueCategory) rescueTerm = true;
                foreach (var h in term.Hazards) hazards.Add(h);
                var (os, ol) = text.ToOriginal(start, length);
                matches.Add((start, matches.Count, new TermMatch(term.Term, term.Category, os, ol)));
            }
        }
        if (tags is not null)
        {
            foreach (var (start, length, tag) in tags)
            {
                foreach (var h in tag.Hazards) hazards.Add(h);
                if (tag.Category is null) continue;
                categories.Add(tag.Category);
                if (tag.Category == RescueCategory) rescueTerm = true;
                var (os, ol) = text.ToOriginal(start, length);
                matches.Add((start, matches.Count, new TermMatch(tag.Tag, tag.Category, os, ol)));
            }
        }

        string? excludedBy = firstHardExclusion ?? (hazards.Count == 0 ? firstPlannedExclusion : null);
        if (excludedBy is not null && (criticalTag || (rescueTerm && (locationCue || HasPlaceSuffix(value)))))
            excludedBy = null;

        matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));
        var orderedCategories = Taxonomy.Categories.Where(categories.Contains).ToArray();
        var orderedHazards = Taxonomy.Hazards.Where(hazards.Contains).ToArray();
        bool relevant = excludedBy is null && (orderedCategories.Length > 0 || orderedHazards.Length > 0);
        return new GlossaryResult(relevant, orderedCategories, orderedHazards, matches.ConvertAll(m => m.Match), excludedBy);
    }

    // #〇〇市災害: '#' + name + suffix, the name being one or more non-separator characters.
    private static void MatchTagPatterns(ReadOnlySpan<char> value, CompiledGlossary compiled,
        ref List<(int Start, int Length, GlossaryHashtag Tag)>? tags)
    {
        for (int i = value.IndexOf('#'); i >= 0; )
        {
            int end = i + 1;
            while (end < value.Length && IsTagChar(value[end])) end++;
            var tag = value[i..end];
            foreach (var (prefix, suffix, h) in compiled.Patterns)
            {
                if (tag.Length > prefix.Length + suffix.Length && tag.StartsWith(prefix, StringComparison.Ordinal)
                    && tag.EndsWith(suffix, StringComparison.Ordinal))
                {
                    tags ??= [];
                    tags.Add((i, end - i, h));
                    break;
                }
            }
            if (end >= value.Length) break;
            int next = value[end..].IndexOf('#');
            i = next < 0 ? -1 : end + next;
        }
    }

    internal static bool IsTagChar(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or 'ー' or '々' or '〇' || (c >= '\u3040' && c <= '\u30FF');

    // A municipality-like name: an ideograph followed by 市, 町 or 村 (益城町, 人吉市).
    private static bool HasPlaceSuffix(ReadOnlySpan<char> value)
    {
        for (int i = 1; i < value.Length; i++)
            if (value[i] is '市' or '町' or '村' && value[i - 1] is >= '\u4E00' and <= '\u9FFF' and not '都')
                return true;
        return false;
    }

    private static bool HasCriticalTagInMetadata(Post post, GlossarySnapshot glossary)
    {
        if (post.Hashtags.Count == 0) return false;
        foreach (var h in glossary.Hashtags)
        {
            if (h.Priority != HashtagPriorities.Critical || h.IsPattern) continue;
            string bare = h.Tag.TrimStart('#');
            foreach (var t in post.Hashtags)
                if (string.Equals(t.TrimStart('#'), bare, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
