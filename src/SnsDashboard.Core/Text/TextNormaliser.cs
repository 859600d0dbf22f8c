using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SnsDashboard.Core.Text;

/// <summary>
/// Normalisation shared by the glossary matcher, the gazetteer and search (NFKC, width, case,
/// katakana→hiragana folding, long vowels, repeated characters, noise), keeping offsets.
/// </summary>
/// <remarks>
/// Works one source character (code point) at a time so that every output character maps back to
/// exactly one source character; the only exception is a half-width voiced-sound mark, which is
/// composed into the preceding kana (ｶﾞ → が) and then maps to both. Steps per character:
/// <list type="number">
/// <item>noise is dropped: emoji and pictographs, variation selectors, zero-width characters,
/// skin-tone modifiers, tag characters, lone surrogates;</item>
/// <item>NFKC (half-width katakana → full-width, full-width ASCII → ASCII, ① → 1, ㍻ → 平成);</item>
/// <item>lower case; all white space becomes one ASCII space;</item>
/// <item>katakana → hiragana; ヶ/ヵ/ケ → け (so 袖ヶ浦, 袖ケ浦 and 袖ヵ浦 meet);</item>
/// <item>a run of three or more identical characters (not ASCII letters or digits) collapses to one
/// (たすけてええええ → たすけてえ); a run of long-vowel marks or wave dashes collapses to one.</item>
/// </list>
/// Fast paths keep the common characters (ASCII, kana, CJK ideographs, full-width ASCII) free of
/// allocations; only rare characters go through <see cref="string.Normalize(NormalizationForm)"/>.
/// </remarks>
public static class TextNormaliser
{
    private const char LongVowel = 'ー';
    private const char CombiningVoiced = '\u3099';
    private const char CombiningSemiVoiced = '\u309A';

    public static NormalisedText Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The writer works in per-thread scratch arrays; the result copies out only the characters and,
        // unless every output character is the input character at the same index (most posts), the offsets.
        var w = new Writer(Math.Max(text.Length, 1));
        ref char simple = ref MemoryMarshal.GetArrayDataReference(SimpleFold);
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            // Most characters (ASCII, kana, kanji, full-width ASCII) fold to one known character.
            char folded = Unsafe.Add(ref simple, c); // a char indexes the 65,536 entries: no bounds check needed
            if (folded != '\0')
            {
                w.EmitFolded(folded, i, i + 1);
                i++;
                continue;
            }
            int cpLen = 1;
            int cp = c;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    cpLen = 2;
                    cp = char.ConvertToUtf32(c, text[i + 1]);
                }
                else { i++; continue; } // lone surrogate: noise
            }
            else if (char.IsLowSurrogate(c)) { i++; continue; }

            int start = i, end = i + cpLen;
            i = end;

            // ASCII and the NFKC-stable kana/kanji are never noise: test them first (most characters).
            if (cp < 0x80)
            {
                w.Emit(c, start, end);
            }
            else if (IsNfkcStable(c) && cpLen == 1)
            {
                w.Emit(c, start, end);
            }
            else if (IsNoise(cp)) continue;
            else if (c is >= '\uFF01' and <= '\uFF5E')
            {
                w.Emit((char)(c - 0xFEE0), start, end); // full-width ASCII
            }
            else
            {
                string n = text.Substring(start, cpLen).Normalize(NormalizationForm.FormKC);
                foreach (char nc in n)
                {
                    if (nc is CombiningVoiced or CombiningSemiVoiced) w.ComposeWithPrevious(nc, end);
                    else if (!char.IsSurrogate(nc) || n.Length == cpLen) w.Emit(nc, start, end, raw: char.IsSurrogate(nc));
                }
            }
        }
        return w.Build(text);
    }

    /// <summary>Normalises a glossary term or place name exactly as post text is normalised.</summary>
    public static string NormaliseTerm(string term) => Normalise(term).Value;

    /// <summary>
    /// For every UTF-16 code unit the per-character steps below handle without <see cref="string.Normalize(NormalizationForm)"/>
    /// (ASCII, the NFKC-stable kana/kanji, full-width ASCII): its folded value; '\0' for the rest
    /// (noise, surrogates, characters that need NFKC, and NUL itself), which take the general path.
    /// Built from the same functions that path uses, so both give the same answer.
    /// </summary>
    internal static readonly char[] SimpleFold = BuildSimpleFold();

    private static char[] BuildSimpleFold()
    {
        var table = new char[65536];
        for (int c = 1; c < table.Length; c++)
        {
            char ch = (char)c;
            if (char.IsSurrogate(ch)) continue;
            if (c < 0x80 || IsNfkcStable(ch)) table[c] = Writer.Fold(ch);
            else if (!IsNoise(c) && ch is >= '\uFF01' and <= '\uFF5E') table[c] = Writer.Fold((char)(c - 0xFEE0));
        }
        return table;
    }

    // Characters NFKC leaves unchanged that are common in Japanese posts.
    private static bool IsNfkcStable(char c) =>
        c is >= '\u3041' and <= '\u3096'       // hiragana
          or >= '\u30A1' and <= '\u30FA'       // katakana
          or LongVowel
          or >= '\u4E00' and <= '\u9FFF'       // CJK unified ideographs
          or >= '\u3400' and <= '\u4DBF'       // CJK extension A
          or '\u3001' or '\u3002' or '\u3005' or '\u3006' or '\u300C' or '\u300D' or '\u3012';

    private static bool IsNoise(int cp) =>
        cp is >= 0xFE00 and <= 0xFE0F          // variation selectors
           or >= 0xE0100 and <= 0xE01EF        // variation selectors supplement
           or >= 0xE0000 and <= 0xE007F        // tag characters (flag sequences)
           or 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF // zero-width
           or 0x20E3                           // combining keycap
           or >= 0x1F000 and <= 0x1FAFF        // emoji, pictographs, skin tones, flags
           or >= 0x2600 and <= 0x27BF          // misc symbols, dingbats
           or >= 0x2B00 and <= 0x2BFF          // arrows and stars used as emoji
           or >= 0x1F900 and <= 0x1F9FF;

    private struct Writer
    {
        // Scratch kept per thread up to this many characters (a 20,000-character text gets its own).
        private const int MaxScratch = 4_096;
        [ThreadStatic] private static char[]? t_chars;
        [ThreadStatic] private static int[]? t_start, t_end;

        private char[] _chars;
        private int[] _start;
        private int[] _end;
        private int _length;
        private int _run;

        public Writer(int capacity)
        {
            if (capacity <= MaxScratch)
            {
                _chars = t_chars ??= new char[MaxScratch];
                _start = t_start ??= new int[MaxScratch];
                _end = t_end ??= new int[MaxScratch];
            }
            else
            {
                _chars = new char[capacity];
                _start = new int[capacity];
                _end = new int[capacity];
            }
        }

        public void Emit(char c, int start, int end, bool raw = false)
        {
            if (!raw) c = Fold(c);
            EmitFolded(c, start, end, raw);
        }

        /// <summary>Appends an already folded character (or a raw surrogate half), collapsing runs.</summary>
        public void EmitFolded(char c, int start, int end, bool raw = false)
        {
            if (_length > 0 && _chars[_length - 1] == c && !raw)
            {
                if (c is LongVowel or '~' or ' ') { _run++; return; } // runs of these collapse to one
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    _run++;
                    if (_run == 3) { _length--; return; }  // third in a row: keep only the first
                    if (_run > 3) return;
                }
            }
            else _run = 1;
            if (_length == _chars.Length) Grow();
            _chars[_length] = c;
            _start[_length] = start;
            _end[_length] = end;
            _length++;
        }

        /// <summary>Composes a (half-width) voiced-sound mark into the previous kana: ｶﾞ → が.</summary>
        public void ComposeWithPrevious(char mark, int end)
        {
            if (_length == 0) return;
            char prev = _chars[_length - 1];
            string composed = string.Concat(prev, mark).Normalize(NormalizationForm.FormC);
            if (composed.Length != 1) return; // nothing to compose with: drop the mark as noise
            _chars[_length - 1] = Fold(composed[0]);
            _end[_length - 1] = end;
            _run = 1;
        }

        internal static char Fold(char c)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3041' and <= '\u3094') return c; // kanji, hiragana: unchanged
            if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : (c is '\t' or '\r' or '\n' or '\f' or '\v' ? ' ' : c);
            if (c is >= '\u30A1' and <= '\u30F4') c = (char)(c - 0x60);          // katakana → hiragana
            else if (c is '\u30F5' or '\u30F6' or '\u3095' or '\u3096') return 'け'; // ヵ ヶ ゕ ゖ
            else if (c is '\u30FD' or '\u30FE') return (char)(c - 0x60);        // ヽ ヾ
            else if (c is '\u3000' or '\u00A0') return ' ';
            else if (c is '～' or '〜') return '~';
            else if (char.IsWhiteSpace(c)) return ' ';
            else if (char.IsUpper(c)) return char.ToLowerInvariant(c);
            return c;
        }

        private void Grow()
        {
            int n = _chars.Length * 2;
            Array.Resize(ref _chars, n);
            Array.Resize(ref _start, n);
            Array.Resize(ref _end, n);
        }

        public NormalisedText Build(string original)
        {
            var chars = _chars.AsSpan(0, _length);
            if (_length == original.Length && IsOneToOne())
                return NormalisedText.OneToOne(original, chars.SequenceEqual(original) ? original : new string(chars));
            return new(original, new string(chars), _start[.._length], _end[.._length]);
        }

        /// <summary>Output character i came from input character i, for every i (nothing dropped,
        /// expanded, composed or collapsed).</summary>
        private readonly bool IsOneToOne()
        {
            for (int i = 0; i < _length; i++)
                if (_start[i] != i || _end[i] != i + 1) return false;
            return true;
        }
    }
}
