namespace SnsDashboard.Core.Text;

/// <summary>
/// Normalisation shared by the glossary matcher, the gazetteer and search (NFKC, width, case,
/// katakana→hiragana folding, long vowels, repeated characters, noise), keeping offsets.
/// </summary>
public static class TextNormaliser
{
    public static NormalisedText Normalise(string text) => throw new NotImplementedException();
}
