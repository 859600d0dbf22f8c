using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Replay;

namespace SnsDashboard.Tests.Replay;

public class ScenarioReaderTests
{
    [Fact]
    public void Line_numbers_count_blank_lines_and_crlf_is_accepted()
    {
        var good = PostJson.Serialize(ScenarioPaths.MakePost("r1", TimeSpan.Zero));
        var lines = ScenarioReader.Read(new StringReader($"{good}\r\n\r\n   \n{{broken\n{good}")).ToList();

        Assert.Equal([1, 4, 5], lines.Select(l => l.LineNumber));
        Assert.True(lines[0].Result.Success);
        Assert.StartsWith("malformed JSON", lines[1].Result.Error);
        Assert.True(lines[2].Result.Success);
    }

    [Fact]
    public void Oversized_line_is_reported_without_stopping_the_stream()
    {
        var good = PostJson.Serialize(ScenarioPaths.MakePost("r2", TimeSpan.Zero));
        var text = new string('x', 5000) + "\n" + good + "\n" + new string('y', 7000);
        var lines = ScenarioReader.Read(new StringReader(text), maxLineChars: 1000).ToList();

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("line too long (5000 chars", lines[0].Result.Error);
        Assert.Equal("r2", lines[1].Result.Post!.SourcePostId);
        Assert.Equal(3, lines[2].LineNumber);
        Assert.StartsWith("line too long", lines[2].Result.Error);
    }
}
