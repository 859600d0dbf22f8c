using System.Text.Json.Nodes;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Tests.Posts;

public class PostJsonTests
{
    private const string Valid = """
        {"schema_version":"1","source":"webhook:cityform","source_post_id":"F-1","text":"□□町3丁目 市道が冠水","created_at":"2026-07-05T12:20:00+09:00",
         "author":{"id":"reporter-117","registered_reporter_id":"SR-117","verified":true,"verified_kind":"link"},
         "geo":{"lat":35.861,"lon":139.645,"accuracy_m":30,"kind":"exact"},"hashtags":["冠水"],"unknown_field":{"x":1}}
        """;

    [Fact]
    public void A_valid_post_parses_with_all_fields()
    {
        var r = PostJson.Parse(Valid);
        Assert.True(r.Success, r.Error);
        var p = r.Post!;
        Assert.Equal("webhook:cityform", p.Source);
        Assert.Equal(new DateTimeOffset(2026, 7, 5, 12, 20, 0, TimeSpan.FromHours(9)), p.CreatedAt);
        Assert.Equal("SR-117", p.Author.RegisteredReporterId);
        Assert.Equal(35.861, p.Geo!.Lat);
        Assert.Equal(["冠水"], p.Hashtags);
    }

    [Theory]
    [InlineData("""{"schema_version":"2","source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00+09:00","author":{"id":"a"}}""", "unsupported schema_version")]
    [InlineData("""{"source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00+09:00","author":{"id":"a"}}""", "missing schema_version")]
    [InlineData("""{"schema_version":"1","source":"X Corp","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00+09:00","author":{"id":"a"}}""", "invalid source")]
    [InlineData("""{"schema_version":"1","source":"x","text":"a","created_at":"2026-07-05T12:20:00+09:00","author":{"id":"a"}}""", "missing source_post_id")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","created_at":"2026-07-05T12:20:00+09:00","author":{"id":"a"}}""", "missing text")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05 12:20","author":{"id":"a"}}""", "invalid created_at")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00","author":{"id":"a"}}""", "invalid created_at")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00Z","author":{}}""", "missing author.id")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","text":"","created_at":"2026-07-05T12:20:00Z","author":{"id":"a"}}""", "text is empty")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00Z","author":{"id":"a"},"geo":{"lat":135,"lon":35}}""", "geo out of range")]
    [InlineData("""{"schema_version":"1","source":"x","source_post_id":"1","text":"a","created_at":"2026-07-05T12:20:00Z","author":{"id":"a"},"followers":"x","geo":{"lat":"north","lon":1}}""", "invalid field")]
    [InlineData("""{"schema_version":"1",""", "malformed JSON")]
    [InlineData("""[1,2]""", "not a JSON object")]
    public void Invalid_input_is_refused_with_a_reason_naming_the_problem(string json, string expected)
    {
        var r = PostJson.Parse(json);
        Assert.False(r.Success);
        Assert.Contains(expected, r.Error);
    }

    [Fact]
    public void An_oversized_line_is_refused_before_parsing()
    {
        var r = PostJson.Parse("{\"text\":\"" + new string('a', PostJson.MaxLineChars) + "\"}");
        Assert.False(r.Success);
        Assert.Contains("too long", r.Error);
    }

    [Fact]
    public void The_analysis_record_always_writes_its_nullable_keys()
    {
        var node = PostJson.ToNode(new PostAnalysis { Relevant = true, Categories = ["rescue_request"] }).AsObject();
        Assert.True(node.ContainsKey("location"));
        Assert.True(node.ContainsKey("duplicate_of"));
        Assert.True(node.ContainsKey("excluded_by"));
        Assert.Equal("F", node["reliability"]!["source"]!.GetValue<string>());
        Assert.Equal("unverified", node["claim_status"]!.GetValue<string>());
    }

    [Fact]
    public void Posts_round_trip_through_serialisation()
    {
        var p = PostJson.Parse(Valid).Post!;
        var back = PostJson.DeserializePost(PostJson.Serialize(p))!;
        Assert.Equal(p.Text, back.Text);
        Assert.Equal(p.CreatedAt, back.CreatedAt);
        Assert.Equal(p.Geo, back.Geo);
        Assert.Equal(p.Author, back.Author);
    }
}
