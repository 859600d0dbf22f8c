using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Web.Components.Shared;

/// <summary>Splits post text into plain and highlighted segments from match offsets (UTF-16 of
/// the original text). Overlapping matches are dropped and out-of-range ones clipped, never thrown on: the
/// text is hostile input and offsets come from a changing glossary.</summary>
public static class HighlightedText
{
    public readonly record struct Segment(string Text, string? Category);

    public static IReadOnlyList<Segment> Split(string text, IReadOnlyList<TermMatch> matches)
    {
        var segments = new List<Segment>();
        int pos = 0;
        foreach (var m in matches.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            // A match overlapping an earlier (longer) one is dropped, not split.
            if (m.Start < pos) continue;
            int start = m.Start;
            int end = Math.Min(m.Start + m.Length, text.Length);
            if (start >= end) continue;
            if (start > pos) segments.Add(new(text[pos..start], null));
            segments.Add(new(text[start..end], m.Category));
            pos = end;
        }
        if (pos < text.Length) segments.Add(new(text[pos..], null));
        return segments;
    }
}
