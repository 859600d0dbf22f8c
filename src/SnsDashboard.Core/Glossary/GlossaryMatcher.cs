using System.Runtime.InteropServices;
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
    private const string WeakReason = "weak term without a stronger one";

    /// <summary>Per-thread scratch lists (the matcher is pure and re-entrant per thread; nothing here outlives a call).</summary>
    private sealed class Scratch
    {
        public readonly List<(int Start, int Id)> Hits = [];
        public readonly List<Candidate> Terms = [];
        public readonly List<(int Start, int Length, GlossaryPhrase Exclusion)> Exclusions = [];
        public readonly List<(int Start, int Length, CompiledHashtag Tag)> Tags = [];
        public readonly List<(int Start, int End, string? Reason)> SentenceReasons = [];
        public readonly List<(int Start, int Order, TermMatch Match)> Matches = [];
    }

    [ThreadStatic] private static Scratch? t_scratch;

    public static GlossaryResult Match(Post post, NormalisedText text, GlossarySnapshot glossary)
    {
        var compiled = glossary.Compiled;
        var value = text.Value.AsSpan();
        var scratch = t_scratch ??= new Scratch();
        var hits = scratch.Hits;
        hits.Clear();
        compiled.Index.ScanIds(value, hits);
        bool maybePattern = compiled.Patterns.Count > 0 && value.Contains('#');
        // Most posts stop here: nothing matched, or only location cues or exclusion phrases (駅前, 映画).
        if (!maybePattern && post.Hashtags.Count == 0)
        {
            if (hits.Count == 0) return GlossaryResult.None;
            if (!HasTermOrTag(hits, compiled)) return ExclusionOnly(hits, compiled);
        }
        return Decide(post, text, compiled, scratch, maybePattern);
    }

    private static GlossaryResult Decide(Post post, NormalisedText text, CompiledGlossary compiled, Scratch scratch, bool maybePattern)
    {
        var value = text.Value.AsSpan();
        var notes = new List<GlossaryNote>();
        var terms = scratch.Terms;
        var exclusions = scratch.Exclusions;
        var tags = scratch.Tags;
        terms.Clear();
        exclusions.Clear();
        tags.Clear();
        bool locationCue = false, localMarker = false;

        foreach (var (start, id) in CollectionsMarshal.AsSpan(scratch.Hits))
        {
            var phrase = compiled.Index.PhraseAt(id);
            int len = phrase.Text.Length;
            foreach (var p in phrase.Payloads)
            {
                if ((p.AsciiStart || p.AsciiEnd) && !AtWordBoundary(value, start, len, p)) continue;
                if (p.Term is not null) terms.Add(new Candidate(start, len, p));
                else if (p.Exclusion is not null) exclusions.Add((start, len, p));
                else if (p.Hashtag is { } h) tags.Add((start, len, h));
                else if (p.IsLocationCue) locationCue = true;
                else if (p.IsLocalMarker) localMarker = true;
            }
        }
        if (maybePattern) MatchTagPatterns(value, compiled, tags);
        bool criticalTag = false, strongTag = false;
        foreach (var (_, _, tag) in CollectionsMarshal.AsSpan(tags))
        {
            criticalTag |= tag.IsCritical;
            strongTag |= tag.IsStrong;
        }
        if (!criticalTag && HasCriticalTagInMetadata(post, compiled))
        {
            criticalTag = true;
            notes.Add(new(GlossaryNote.Noted, "critical hashtag in the post's metadata"));
        }
        if (terms.Count == 0 && tags.Count == 0 && exclusions.Count == 0 && !criticalTag) return GlossaryResult.None;

        // 1. Suppression windows, per term.
        var termSpan = CollectionsMarshal.AsSpan(terms);
        scratch.SentenceReasons.Clear();
        bool strong = strongTag;
        foreach (ref var c in termSpan)
        {
            var (ss, se) = Sentence(value, c.Start, c.Length);
            var sentence = value[ss..se];
            var contexts = c.Phrase.Contexts;
            for (int i = 0; i < contexts.Length; i++)
                if (sentence.IndexOf(contexts[i], StringComparison.Ordinal) >= 0) { c.Reason = c.Phrase.ContextReasons[i]; break; }
            c.Reason ??= AfterTermMarker(value, c.Start + c.Length, se, compiled);
            c.Reason ??= SentenceWideReason(value, ss, se, compiled, scratch.SentenceReasons);
            strong |= c.Reason is null && !c.Phrase.IsWeak;
        }

        // 2. Weak terms need a strong one (a strong term, or a hashtag that says something).
        if (!strong)
            foreach (ref var c in termSpan)
                if (c.Reason is null && c.Phrase.IsWeak) c.Reason = WeakReason;

        var bits = default(TaxonomyBits);
        var matches = scratch.Matches;
        matches.Clear();
        List<SuppressedMatch>? suppressed = null;
        bool rescueTerm = false;
        foreach (ref var c in termSpan)
        {
            var t = c.Phrase.Term!;
            var (os, ol) = text.ToOriginal(c.Start, c.Length);
            var match = new TermMatch(t.Term, t.Category, os, ol);
            if (c.Reason is not null)
            {
                (suppressed ??= []).Add(new SuppressedMatch(match, c.Reason));
                notes.Add(new(GlossaryNote.Suppressed, c.Phrase.SuppressedPrefix + c.Reason, os, ol));
                continue;
            }
            bits = bits.With(c.Phrase.Bits);
            if (t.Category == RescueCategory) rescueTerm = true;
            matches.Add((c.Start, matches.Count, match));
            notes.Add(new(GlossaryNote.Matched, c.Phrase.MatchedNote, os, ol));
        }
        foreach (var (start, length, tag) in CollectionsMarshal.AsSpan(tags))
        {
            var (os, ol) = text.ToOriginal(start, length);
            bits = bits.With(tag.Bits);
            notes.Add(new(GlossaryNote.Matched, tag.MatchedNote, os, ol));
            if (tag.Tag.Category is not { } category) continue;
            if (category == RescueCategory) rescueTerm = true;
            matches.Add((start, matches.Count, new TermMatch(tag.Tag.Tag, category, os, ol)));
        }

        // 3. Post-wide exclusions.
        string? excludedBy = null, excludedKind = null;
        foreach (var (start, length, p) in CollectionsMarshal.AsSpan(exclusions))
        {
            var e = p.Exclusion!;
            var (os, ol) = text.ToOriginal(start, length);
            bool applies = ExclusionKinds.AlwaysExcludes(e.Kind)
                || (e.Kind == ExclusionKinds.Planned && !bits.AnyHazard)
                || (e.Kind == ExclusionKinds.Abroad && !localMarker);
            notes.Add(new(applies ? GlossaryNote.Excluded : GlossaryNote.Noted, applies ? p.AppliesNote : p.NotAppliesNote, os, ol));
            if (applies && excludedBy is null) (excludedBy, excludedKind) = (e.Term, e.Kind);
        }
        if (excludedBy is not null && (criticalTag || (rescueTerm && (locationCue || HasPlaceSuffix(value)))))
        {
            notes.Add(new(GlossaryNote.Override, criticalTag
                ? $"exclusion {excludedBy} ({excludedKind}) ignored: critical rescue hashtag"
                : $"exclusion {excludedBy} ({excludedKind}) ignored: rescue request with a concrete place"));
            excludedBy = null;
        }

        var orderedCategories = TaxonomyBits.Names(Taxonomy.Categories, bits.Categories);
        var orderedHazards = TaxonomyBits.Names(Taxonomy.Hazards, bits.Hazards);
        bool relevant = excludedBy is null && (orderedCategories.Length > 0 || orderedHazards.Length > 0 || criticalTag);
        if (!relevant && excludedBy is null && suppressed is not null && matches.Count == 0)
            excludedBy = suppressed[0].Reason.StartsWith("weak", StringComparison.Ordinal) ? null : suppressed[0].Reason[(suppressed[0].Reason.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        notes.Add(new(GlossaryNote.Decision, relevant
            ? "relevant: " + string.Join(", ", [.. orderedCategories, .. orderedHazards])
            : excludedBy is not null ? $"not relevant: excluded by {excludedBy}" : "not relevant: nothing counted"));
        return new GlossaryResult(relevant, orderedCategories, orderedHazards, InTextOrder(matches), excludedBy)
        {
            Suppressed = suppressed ?? (IReadOnlyList<SuppressedMatch>)[],
            Explanation = notes,
        };
    }

    // Terms come in text order, then hashtags in text order: a stable merge by start.
    private static TermMatch[] InTextOrder(List<(int Start, int Order, TermMatch Match)> matches)
    {
        if (matches.Count == 0) return [];
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));
        var result = new TermMatch[matches.Count];
        for (int i = 0; i < result.Length; i++) result[i] = matches[i].Match;
        return result;
    }

    // A drill notice without any disaster term still says why it is not relevant (excluded_by).
    private static GlossaryResult ExclusionOnly(List<(int Start, int Id)> hits, CompiledGlossary compiled)
    {
        foreach (var (_, id) in CollectionsMarshal.AsSpan(hits))
            if (compiled.ExclusionOnlyResult[id] is { } r) return r;
        return GlossaryResult.None;
    }

    private static bool HasTermOrTag(List<(int Start, int Id)> hits, CompiledGlossary compiled)
    {
        foreach (var (_, id) in CollectionsMarshal.AsSpan(hits))
            if (compiled.HasTermOrTag[id]) return true;
        return false;
    }

    private struct Candidate(int start, int length, GlossaryPhrase phrase)
    {
        public readonly int Start = start;
        public readonly int Length = length;
        public readonly GlossaryPhrase Phrase = phrase;
        public string? Reason;
    }

    // A hypothetical marker anywhere in the sentence suppresses every term of it: looked up once per sentence.
    // (Keyed by start and end: a term containing a delimiter such as '!' can give two terms the same start but not the same end.)
    private static string? SentenceWideReason(ReadOnlySpan<char> value, int start, int end, CompiledGlossary compiled,
        List<(int Start, int End, string? Reason)> known)
    {
        foreach (var (s, e, r) in CollectionsMarshal.AsSpan(known))
            if (s == start && e == end) return r;
        var sentence = value[start..end];
        string? reason = null;
        foreach (var (m, why) in compiled.SentenceWide)
            if (sentence.IndexOf(m, StringComparison.Ordinal) >= 0) { reason = why; break; }
        known.Add((start, end, reason));
        return reason;
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
    private static string? AfterTermMarker(ReadOnlySpan<char> value, int end, int sentenceEnd, CompiledGlossary compiled)
    {
        for (int gap = 0; gap <= 2 && end + gap <= sentenceEnd; gap++)
        {
            if (gap > 0 && value[end + gap - 1] is not ('の' or 'は' or 'も' or 'が' or ' ' or 'で')) break;
            var rest = value[(end + gap)..sentenceEnd];
            if (rest.IsEmpty || !compiled.AfterTermByFirstChar.TryGetValue(rest[0], out var markers)) continue;
            foreach (var (m, reason) in markers)
                if (rest.StartsWith(m, StringComparison.Ordinal)) return reason;
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
    private static void MatchTagPatterns(ReadOnlySpan<char> value, CompiledGlossary compiled, List<(int Start, int Length, CompiledHashtag Tag)> tags)
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

    private static bool HasCriticalTagInMetadata(Post post, CompiledGlossary compiled)
    {
        if (post.Hashtags.Count == 0 || compiled.CriticalTags.Count == 0) return false;
        var lookup = compiled.CriticalTags.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var t in post.Hashtags)
            if (lookup.Contains(t.AsSpan().TrimStart('#'))) return true;
        return false;
    }
}
