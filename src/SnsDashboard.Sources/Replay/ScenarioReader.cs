using System.Text;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay;

/// <summary>
/// Reads a JSON-lines scenario file (schema "1", one post per line) as a stream. Blank lines are
/// skipped (but counted for line numbers). A line longer than <see cref="PostJson.MaxLineChars"/>
/// is never materialised: the reader discards the rest of it and reports it as too long, so a
/// broken file without newlines cannot exhaust memory.
/// </summary>
public static class ScenarioReader
{
    public static IEnumerable<ScenarioLine> ReadFile(string path, int maxLineChars = PostJson.MaxLineChars)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var line in Read(reader, maxLineChars))
            yield return line;
    }

    public static IEnumerable<ScenarioLine> Read(TextReader reader, int maxLineChars = PostJson.MaxLineChars)
    {
        var buffer = new char[32 * 1024];
        var line = new StringBuilder();
        var lineNumber = 0;
        var tooLong = false;
        long droppedChars = 0;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, '\n', start, read - start);
                var end = newline < 0 ? read : newline;
                Append(buffer.AsSpan(start, end - start));
                if (newline < 0) break;
                lineNumber++;
                if (Complete() is { } done) yield return done;
                start = newline + 1;
            }
        }
        if (line.Length > 0 || tooLong)
        {
            lineNumber++;
            if (Complete() is { } last) yield return last;
        }

        void Append(ReadOnlySpan<char> chunk)
        {
            if (tooLong) { droppedChars += chunk.Length; return; }
            if (line.Length + chunk.Length > maxLineChars + 1)
            {
                tooLong = true;
                droppedChars = line.Length + chunk.Length;
                line.Clear();
                return;
            }
            line.Append(chunk);
        }

        ScenarioLine? Complete()
        {
            if (tooLong)
            {
                var length = droppedChars;
                tooLong = false;
                droppedChars = 0;
                line.Clear();
                return new ScenarioLine(lineNumber, PostParseResult.Fail($"line too long ({length} chars, max {maxLineChars})"));
            }
            if (line.Length > 0 && line[^1] == '\r') line.Length--;
            if (IsBlank(line)) { line.Clear(); return null; }
            var text = line.ToString();
            line.Clear();
            return new ScenarioLine(lineNumber, PostJson.Parse(text));
        }
    }

    private static bool IsBlank(StringBuilder sb)
    {
        foreach (var chunk in sb.GetChunks())
            if (!chunk.Span.IsWhiteSpace()) return false;
        return true;
    }
}
