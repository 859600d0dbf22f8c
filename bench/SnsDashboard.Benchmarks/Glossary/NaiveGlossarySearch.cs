using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Benchmarks.Glossary;

/// <summary>
/// The one naive baseline both glossary measurements compare against (BenchmarkDotNet's
/// <see cref="GlossaryMatcherBenchmarks.NaiveIndexOfPerTerm"/> and the CPU-time mode
/// <c>glossary-throughput</c>): one ordinal <c>IndexOf</c> per distinct normalised spelling over the
/// same normalised post text the matcher gets. It only finds; it does not decide.
/// </summary>
internal sealed class NaiveGlossarySearch(IEnumerable<GlossaryTerm> terms)
{
    private readonly string[] _spellings =
        terms.SelectMany(t => t.Spellings).Select(TextNormaliser.NormaliseTerm).Where(s => s.Length > 0).Distinct().ToArray();

    public int SpellingCount => _spellings.Length;

    /// <summary>How many spellings occur in the text.</summary>
    public int CountFound(string normalisedText)
    {
        var v = normalisedText.AsSpan();
        int found = 0;
        foreach (var s in _spellings)
            if (v.IndexOf(s, StringComparison.Ordinal) >= 0) found++;
        return found;
    }
}
