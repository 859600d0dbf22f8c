using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Glossary;

/// <summary>Finds glossary terms in a post and decides whether it is relevant (pure), explaining every step.</summary>
/// <remarks>
/// One leftmost-longest scan of the normalised text over one index holding terms, variants,
/// post-wide exclusions, hashtags and location cues, so a longer phrase wins over the words inside
/// it (避難訓練 is a drill, not 避難; 心が揺れる and なだれ込んで are metaphors, not 揺れ or 雪崩).
/// Posts where nothing matches — most traffic — leave after the scan without allocating.
/// Then, only for terms that matched:
/// <list type="number">
/// <item>ASCII terms must stand at a word boundary (fire ≠ ceasefire); an English inflection may follow (flooded);</item>
/// <item>a term is suppressed by one of its context phrases in the same sentence (膝の上 … 動けない),
/// by a negation or simile right after it (津波の心配なし, 爆発したみたいな音), or by a hypothetical
/// in its sentence (もし大きな地震が来たら);</item>
/// <item>weak terms (short kana such as ゆれ, and terms lighter than 1 such as 病院, 動けない) count only
/// when a strong term or a special hashtag also counts;</item>
/// <item>a drill, awareness, fiction or retrospective phrase excludes the post; a planned-work phrase
/// excludes it only when no hazard counted; an abroad phrase excludes it unless a local marker
/// (こっちも, 県内) places it in Japan;</item>
/// <item>no exclusion applies when the post carries #救助 (or another critical tag), or a
/// rescue_request term together with a concrete place (address cue or a 市/町/村 name);</item>
/// <item>relevant = some category or hazard counted and the post is not excluded.</item>
/// </list>
/// Matches are reported with offsets into the original text, in text order; categories and hazards
/// in taxonomy order.
/// </remarks>
public static class GlossaryMatcher
{
    private const string RescueCategory = "rescue_request";

    [ThreadStatic] private static List<(int Start, PhraseIndex<GlossaryPhrase>.Phrase Phrase)>? t_hits;

    public static GlossaryResult Match(Post post, NormalisedText text, GlossarySnapshot glossary)
    {
        var compiled = glossary.Compiled;
        var value = text.Value.AsSpan();
        var hits = t_hits ??= [];
        hits.Clear();
        compiled.Index.Scan(value, hits);
        bool maybePattern = compiled.Patterns.Count > 0 && value.Contains('#');
        // Most posts stop here: nothing but location cues or exclusion phrases (駅前, 映画) matched.
        if (!maybePattern && post.Hashtags.Count == 0 && !HasTermOrTag(hits)) return ExclusionOnly(hits);
        return Decide(post, text, glossary, compiled, hits, maybePattern);
    }

    private static GlossaryResult Decide(Post post, NormalisedText text, GlossarySnapshot glossary, CompiledGlossary compiled,
        List<(int Start, PhraseIndex<GlossaryPhrase>.Phrase Phrase)> hits, bool maybePattern)
    {
        var value = text.Value.AsSpan();
        var notes = new List<GlossaryNote>();
        var terms = new List<Candidate>();
        var exclusions = new List<(int Start, int Length, GlossaryExclusion Exclusion)>();
        var tags = new List<(int Start, int Length, GlossaryHashtag Tag)>();
        bool locationCue = false, localMarker = false;

        foreach (var (start, phrase) in hits)
        {
            int len = phrase.Text.Length;
            foreach (var p in phrase.Payloads)
            {
                if ((p.AsciiStart || p.AsciiEnd) && !AtWordBoundary(value, start, len, p)) continue;
                if (p.Term is { } t) terms.Add(new Candidate(start, len, t, p.IsWeak));
                else if (p.Exclusion is { } e) exclusions.Add((start, len, e));
                else if (p.Hashtag is { } h) tags.Add((start, len, h));
                else if (p.IsLocationCue) locationCue = true;
                else if (p.IsLocalMarker) localMarker = true;
            }
        }
        if (maybePattern) MatchTagPatterns(value, compiled, tags);
        bool criticalTag = tags.Exists(t => t.Tag.Priority == HashtagPriorities.Critical);
        if (!criticalTag && HasCriticalTagInMetadata(post, glossary))
        {
            criticalTag = true;
            notes.Add(new(GlossaryNote.Noted, "critical hashtag in the post's metadata"));
        }
        if (terms.Count == 0 && tags.Count == 0 && exclusions.Count == 0 && !criticalTag) return GlossaryResult.None;

        // 1. Suppression windows, per term.
        foreach (var c in terms)
        {
            var (ss, se) = Sentence(value, c.Start, c.Length);
            var sentence = value[ss..se];
            if (compiled.Contexts.TryGetValue(c.Term, out var contexts))
                foreach (var ctx in contexts)
                    if (sentence.IndexOf(ctx, StringComparison.Ordinal) >= 0) { c.Reason = $"context: {ctx}"; break; }
            if (c.Reason is null && AfterTermMarker(value, c.Start + c.Length, se, compiled) is { } marker)
                c.Reason = $"{marker.Kind}: {marker.Term}";
            if (c.Reason is null)
                foreach (var (m, e) in compiled.SentenceWide)
                    if (sentence.IndexOf(m, StringComparison.Ordinal) >= 0) { c.Reason = $"{e.Kind}: {e.Term}"; break; }
        }

        // 2. Weak terms need a strong one (a strong term, or a hashtag that says something).
        bool strong = terms.Exists(c => c.Reason is null && !c.Weak)
            || tags.Exists(t => t.Tag.Category is not null || t.Tag.Hazards.Count > 0 || t.Tag.Priority != HashtagPriorities.Normal);
        if (!strong)
            foreach (var c in terms)
                if (c.Reason is null && c.Weak) c.Reason = "weak term without a stronger one";

        var categories = new HashSet<string>(StringComparer.Ordinal);
        var hazards = new HashSet<string>(StringComparer.Ordinal);
        var matches = new List<(int Start, int Order, TermMatch Match)>();
        var suppressed = new List<SuppressedMatch>();
        bool rescueTerm = false;
        foreach (var c in terms)
        {
            var (os, ol) = text.ToOriginal(c.Start, c.Length);
            var match = new TermMatch(c.Term.Term, c.Term.Category, os, ol);
            if (c.Reason is not null)
            {
                suppressed.Add(new SuppressedMatch(match, c.Reason));
                notes.Add(new(GlossaryNote.Suppressed, $"{c.Term.Term} ({c.Term.Category}): {c.Reason}", os, ol));
                continue;
            }
            if (c.Term.Category != GlossaryTerm.HazardOnly) categories.Add(c.Term.Category);
            if (c.Term.Category == RescueCategory) rescueTerm = true;
            foreach (var h in c.Term.Hazards) hazards.Add(h);
            matches.Add((c.Start, matches.Count, match));
            notes.Add(new(GlossaryNote.Matched, $"{c.Term.Term} → {c.Term.Category}{(c.Term.Hazards.Count > 0 ? " / " + string.Join(",", c.Term.Hazards) : "")} (weight {c.Term.Weight})", os, ol));
        }
        foreach (var (start, length, tag) in tags)
        {
            var (os, ol) = text.ToOriginal(start, length);
            foreach (var h in tag.Hazards) hazards.Add(h);
            notes.Add(new(GlossaryNote.Matched, $"hashtag {tag.Tag} ({tag.Priority}){(tag.Category is null ? "" : " → " + tag.Category)}", os, ol));
            if (tag.Category is null) continue;
            categories.Add(tag.Category);
            if (tag.Category == RescueCategory) rescueTerm = true;
            matches.Add((start, matches.Count, new TermMatch(tag.Tag, tag.Category, os, ol)));
        }

        // 3. Post-wide exclusions.
        string? excludedBy = null, excludedKind = null;
        foreach (var (start, length, e) in exclusions)
        {
            var (os, ol) = text.ToOriginal(start, length);
            bool applies = ExclusionKinds.AlwaysExcludes(e.Kind)
                || (e.Kind == ExclusionKinds.Planned && hazards.Count == 0)
                || (e.Kind == ExclusionKinds.Abroad && !localMarker);
            notes.Add(new(applies ? GlossaryNote.Excluded : GlossaryNote.Noted,
                $"{e.Term} ({e.Kind}){(applies ? "" : e.Kind switch
                {
                    ExclusionKinds.Metaphor => ": not hazard evidence",
                    ExclusionKinds.Planned => ": a hazard is present",
                    ExclusionKinds.Abroad => ": a local marker places the post in Japan",
                    _ => "",
                })}", os, ol));
            if (applies && excludedBy is null) (excludedBy, excludedKind) = (e.Term, e.Kind);
        }
        if (excludedBy is not null && (criticalTag || (rescueTerm && (locationCue || HasPlaceSuffix(value)))))
        {
            notes.Add(new(GlossaryNote.Override, criticalTag
                ? $"exclusion {excludedBy} ({excludedKind}) ignored: critical rescue hashtag"
                : $"exclusion {excludedBy} ({excludedKind}) ignored: rescue request with a concrete place"));
            excludedBy = null;
        }

        matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));
        var orderedCategories = Taxonomy.Categories.Where(categories.Contains).ToArray();
        var orderedHazards = Taxonomy.Hazards.Where(hazards.Contains).ToArray();
        bool relevant = excludedBy is null && (orderedCategories.Length > 0 || orderedHazards.Length > 0 || criticalTag);
        if (!relevant && excludedBy is null && suppressed.Count > 0 && matches.Count == 0)
            excludedBy = suppressed[0].Reason.StartsWith("weak", StringComparison.Ordinal) ? null : suppressed[0].Reason[(suppressed[0].Reason.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        notes.Add(new(GlossaryNote.Decision, relevant
            ? $"relevant: {string.Join(", ", orderedCategories.Concat(orderedHazards))}"
            : excludedBy is not null ? $"not relevant: excluded by {excludedBy}" : "not relevant: nothing counted"));
        return new GlossaryResult(relevant, orderedCategories, orderedHazards, matches.ConvertAll(m => m.Match), excludedBy)
        {
            Suppressed = suppressed,
            Explanation = notes,
        };
    }

    // A drill notice without any disaster term still says why it is not relevant (excluded_by).
    private static GlossaryResult ExclusionOnly(List<(int Start, PhraseIndex<GlossaryPhrase>.Phrase Phrase)> hits)
    {
        foreach (var (_, phrase) in hits)
            foreach (var p in phrase.Payloads)
                if (p.ExclusionOnlyResult is { } r) return r;
        return GlossaryResult.None;
    }

    private static bool HasTermOrTag(List<(int Start, PhraseIndex<GlossaryPhrase>.Phrase Phrase)> hits)
    {
        foreach (var (_, phrase) in hits)
            foreach (var p in phrase.Payloads)
                if (p.Term is not null || p.Hashtag is not null) return true;
        return false;
    }

    private sealed class Candidate(int start, int length, GlossaryTerm term, bool weak)
    {
        public int Start { get; } = start;
        public int Length { get; } = length;
        public GlossaryTerm Term { get; } = term;
        public bool Weak { get; } = weak;
        public string? Reason { get; set; }
    }

    // The sentence around a span: up to the nearest 。!?.\n (the delimiters stay outside).
    private static (int Start, int End) Sentence(ReadOnlySpan<char> value, int start, int length)
    {
        int s = start;
        while (s > 0 && !IsSentenceEnd(value[s - 1])) s--;
        int e = start + length;
        while (e < value.Length && !IsSentenceEnd(value[e])) e++;
        return (s, e);
    }

    private static bool IsSentenceEnd(char c) => c is '。' or '!' or '?' or '\n' or '.' or '｡';

    // A negation or simile right after the term: directly, or after up to two particles/spaces.
    private static GlossaryExclusion? AfterTermMarker(ReadOnlySpan<char> value, int end, int sentenceEnd, CompiledGlossary compiled)
    {
        for (int gap = 0; gap <= 2 && end + gap <= sentenceEnd; gap++)
        {
            if (gap > 0 && value[end + gap - 1] is not ('の' or 'は' or 'も' or 'が' or ' ' or 'で')) break;
            var rest = value[(end + gap)..sentenceEnd];
            foreach (var (m, e) in compiled.AfterTerm)
                if (rest.StartsWith(m, StringComparison.Ordinal)) return e;
        }
        return null;
    }

    private static readonly string[] EnglishInflections = ["s", "es", "ed", "d", "ing"];

    private static bool AtWordBoundary(ReadOnlySpan<char> value, int start, int length, GlossaryPhrase p)
    {
        if (p.AsciiStart && start > 0 && char.IsAsciiLetterOrDigit(value[start - 1])) return false;
        int end = start + length;
        if (!p.AsciiEnd || end >= value.Length || !char.IsAsciiLetterOrDigit(value[end])) return true;
        foreach (var suffix in EnglishInflections)
        {
            int after = end + suffix.Length;
            if (value[end..].StartsWith(suffix, StringComparison.Ordinal) && (after >= value.Length || !char.IsAsciiLetterOrDigit(value[after])))
                return true;
        }
        return false;
    }

    // #〇〇市災害: '#' + name + suffix, the name being one or more non-separator characters.
    private static void MatchTagPatterns(ReadOnlySpan<char> value, CompiledGlossary compiled, List<(int Start, int Length, GlossaryHashtag Tag)> tags)
    {
        for (int i = value.IndexOf('#'); i >= 0;)
        {
            int end = i + 1;
            while (end < value.Length && IsTagChar(value[end])) end++;
            var tag = value[i..end];
            foreach (var (prefix, suffix, h) in compiled.Patterns)
            {
                if (tag.Length > prefix.Length + suffix.Length && tag.StartsWith(prefix, StringComparison.Ordinal)
                    && tag.EndsWith(suffix, StringComparison.Ordinal) && !tags.Exists(t => t.Start == i))
                {
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
