using SnsDashboard.Core.Text;

namespace SnsDashboard.Tests.Text;

public class AhoCorasickAutomatonTests
{
    // The reference answer: at each position the longest phrase starting there (lowest index on a
    // tie, as phrases are distinct), then continue after it.
    private static List<(int Start, int Phrase)> BruteForce(string text, IReadOnlyList<string> phrases)
    {
        var hits = new List<(int, int)>();
        for (int i = 0; i < text.Length;)
        {
            int best = -1;
            for (int p = 0; p < phrases.Count; p++)
                if (string.CompareOrdinal(text, i, phrases[p], 0, phrases[p].Length) == 0 && text.Length - i >= phrases[p].Length
                    && (best < 0 || phrases[p].Length > phrases[best].Length))
                    best = p;
            if (best < 0) { i++; continue; }
            hits.Add((i, best));
            i += phrases[best].Length;
        }
        return hits;
    }

    [Theory]
    [InlineData(1, "ab", 8, 4)]      // tiny alphabet: deep failure chains, many overlaps
    [InlineData(2, "abc", 40, 6)]
    [InlineData(3, "あいうえおかきくけこ", 200, 5)]
    [InlineData(4, "abcdefghijklmnopqrstuvwxyz地震津波", 400, 8)]
    public void Random_phrase_sets_match_the_brute_force_answer(int seed, string alphabet, int phraseCount, int maxLength)
    {
        var rng = new Random(seed);
        string Word(int min, int max) => new(Enumerable.Range(0, rng.Next(min, max + 1)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
        var phrases = Enumerable.Range(0, phraseCount).Select(_ => Word(1, maxLength)).Distinct().ToList();
        var automaton = new AhoCorasickAutomaton(phrases);
        for (int round = 0; round < 300; round++)
        {
            // Mostly phrase characters, sometimes one the automaton has never seen.
            string text = new(Word(0, 60).Select(c => rng.Next(12) == 0 ? 'Z' : c).ToArray());
            var hits = new List<(int Start, int Phrase)>();
            int added = automaton.Scan(text, hits);
            Assert.Equal(BruteForce(text, phrases), hits);
            Assert.Equal(hits.Count, added);
        }
    }

    [Fact]
    public void Longest_phrase_wins_and_failure_links_find_phrases_inside_others()
    {
        string[] phrases = ["避難", "避難訓練", "訓練", "難", "he", "she", "hers"];
        var automaton = new AhoCorasickAutomaton(phrases);
        var hits = new List<(int Start, int Phrase)>();
        automaton.Scan("避難訓練と避難と訓練 ushers", hits);
        Assert.Equal([(0, 1), (5, 0), (8, 2), (12, 5)], hits);
        // a text of characters in no phrase leaves the list untouched
        Assert.Equal(0, automaton.Scan("xyz今日は晴れ", hits));
        Assert.Equal(4, hits.Count);
    }
}
