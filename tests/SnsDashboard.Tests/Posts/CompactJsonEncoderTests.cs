using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Replay.Composing;
using SnsDashboard.Tests.Replay;

namespace SnsDashboard.Tests.Posts;

/// <summary>
/// The store's compact JSON is written by a hand-written encoder; it must be the System.Text.Json
/// serializer's output byte for byte (rows written before and after read the same, the SQL that reads
/// <c>analysis_json</c> sees the same shape). The serializer with the compact rules is kept here as the
/// reference.
/// </summary>
public class CompactJsonEncoderTests
{
    /// <summary>What the store used before: the serializer, computed post properties removed, empty
    /// non-nullable lists that are not constructor parameters skipped.</summary>
    private static readonly JsonSerializerOptions Reference = CreateReference();

    private static JsonSerializerOptions CreateReference()
    {
        var o = new JsonSerializerOptions(PostJson.Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RemoveComputedPostProperties, SkipEmptyLists } },
        };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    private static void RemoveComputedPostProperties(JsonTypeInfo info)
    {
        if (info.Type != typeof(Post)) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Name is "key" or "is_repost") info.Properties.RemoveAt(i);
    }

    private static void SkipEmptyLists(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.AssociatedParameter is not null || property.IsSetNullable || property.PropertyType == typeof(string)
                || !typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType)) continue;
            property.ShouldSerialize = static (_, value) => value is not System.Collections.ICollection { Count: 0 };
        }
    }

    private static readonly PipelineSnapshot Snapshot = PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"));

    private static void AssertSame(Post post)
    {
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(post, Reference), CompactJsonEncoder.Encode(post), post.SourcePostId);
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(post with { Text = "" }, Reference),
            CompactJsonEncoder.Encode(post, withoutText: true), post.SourcePostId + " (without text)");
    }

    private static void AssertSame(PostAnalysis analysis, string what) =>
        AssertBytes(JsonSerializer.SerializeToUtf8Bytes(analysis, Reference), CompactJsonEncoder.Encode(analysis), what);

    private static void AssertBytes(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
            Assert.Fail($"{what}:\nserializer {System.Text.Encoding.UTF8.GetString(expected)}\nencoder    {System.Text.Encoding.UTF8.GetString(actual)}");
    }

    /// <summary>Every post of a committed scenario and its analysis (the real stages: matches,
    /// locations with evidence and alternatives, grades with reasons, copies, claims).</summary>
    [Theory]
    [InlineData("kumamoto-earthquake.jsonl")]
    [InlineData("kyushu-heavy-rain.jsonl")]
    public void Every_scenario_post_and_analysis_encodes_to_the_serializers_bytes(string file)
    {
        var posts = ScenarioPaths.ScenarioPosts(file);
        Assert.True(posts.Count > 1_000);
        var analyser = new PostAnalyser(new SnapshotHolder(Snapshot));
        var now = posts[^1].CreatedAt;
        int located = 0, matched = 0, raw = 0;
        foreach (var post in posts)
        {
            AssertSame(post);
            var analysis = analyser.Analyse(post, now);
            AssertSame(analysis, post.SourcePostId);
            located += analysis.Location is { Evidence.Count: > 0 } ? 1 : 0;
            matched += analysis.Matches.Count > 0 ? 1 : 0;
            raw += post.Raw is not null ? 1 : 0;
        }
        Assert.True(located > 100 && matched > 100, $"located {located}, matched {matched}");
    }

    [Fact]
    public void Synthetic_posts_with_copies_and_reposts_encode_to_the_serializers_bytes()
    {
        var analyser = new PostAnalyser(new SnapshotHolder(Snapshot));
        var posts = SyntheticPostGenerator.Generate(200, 1, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(9)), 42).ToList();
        int reposts = 0, copies = 0;
        foreach (var post in posts)
        {
            AssertSame(post);
            var analysis = analyser.Analyse(post, posts[^1].CreatedAt);
            AssertSame(analysis, post.SourcePostId);
            reposts += post.RepostOfId is not null ? 1 : 0;
            copies += analysis.DuplicateOf is not null ? 1 : 0;
        }
        Assert.True(reposts > 0 && copies > 0, $"reposts {reposts}, copies {copies}");
    }

    public static TheoryData<string> HostileTexts => AllFieldsDocuments.HostileTexts;

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_and_odd_text_in_every_string_field_encodes_to_the_serializers_bytes(string text)
    {
        var post = AllFieldsDocuments.Post(text);
        var analysis = AllFieldsDocuments.Analysis(text);
        AssertSame(post);
        AssertSame(analysis, "hostile: " + text);
        // Every field is set, so a field added to the model fails the byte comparison until the encoder writes it.
        AllFieldsDocuments.AssertEveryModelPropertyIsSet(post, analysis, Reference);
    }

    [Fact]
    public void Nulls_empty_lists_and_defaults_are_left_out_or_kept_exactly_as_the_serializer_does()
    {
        var minimal = new Post { Source = "x", SourcePostId = "1", Text = "t", CreatedAt = DateTimeOffset.UnixEpoch, Author = new PostAuthor { Id = "a" } };
        AssertSame(minimal);
        // A nullable list keeps the difference between null and empty.
        AssertSame(minimal with { Place = new PostPlace { Bbox = [] } });
        AssertSame(minimal with { Place = new PostPlace() });
        // A non-nullable list that is null (an explicit null read back from JSON) is written as null.
        AssertSame(minimal with { Hashtags = null!, Media = null! });
        AssertSame(PostJson.DeserializePost("""{"schema_version":"1","source":"x","source_post_id":"2","text":"t","created_at":"2026-11-22T00:00:00Z","author":{"id":"a"},"urls":null,"media":[null]}""")!);
        // Non-array lists (List<T>, collection expressions) and a list that is not an ICollection.
        AssertSame(minimal with { Urls = new List<string>(), Mentions = new List<string> { "m" }, Matched = NotACollection("x", "y") });
        AssertSame(minimal with { Urls = NotACollection() });

        AssertSame(PostAnalysis.Empty, "empty");
        AssertSame(new PostAnalysis { Spatial = SpatialJoinResult.Empty, Location = new PostLocation { Lat = 0, Lon = 0, Level = "exact", Source = "geotag" } }, "empty lists");
        AssertSame(new PostAnalysis { Reliability = null!, ClaimStatus = null!, Categories = null! }, "nulls");
        AssertSame(new PostAnalysis { Reliability = new ReliabilityGrade("A", 1, 1, null!), Spatial = new SpatialJoinResult(null!, null!, null) }, "null constructor lists");
        AssertSame(new PostAnalysis { Spatial = new SpatialJoinResult([new ZoneHit(1, "l", "z", new Dictionary<string, string?>())], [], "熊本市") }, "empty attributes");

        // A number JSON cannot hold fails in both, rather than writing something unreadable.
        var nan = new PostAnalysis { Reliability = new ReliabilityGrade("F", 6, double.NaN, []) };
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.SerializeToUtf8Bytes(nan, Reference));
        Assert.ThrowsAny<ArgumentException>(() => CompactJsonEncoder.Encode(nan));
        AssertSame(PostAnalysis.Empty, "after a failed write");
    }

    private static IReadOnlyList<string> NotACollection(params string[] items) => new ReadOnlyView(items);

    private sealed class ReadOnlyView(string[] items) : IReadOnlyList<string>
    {
        public string this[int index] => items[index];
        public int Count => items.Length;
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)items).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Timestamps_and_numbers_format_as_the_serializer_formats_them()
    {
        var random = new Random(7);
        for (int i = 0; i < 2_000; i++)
        {
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var t = new DateTimeOffset(2000, 1, 1, 0, 0, 0, offset).AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerDay * 365 * 30));
            if (i % 3 == 0) t = t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
            var post = new Post
            {
                Source = "s", SourcePostId = "n" + i, Text = "x", CreatedAt = t, Author = new PostAuthor { Id = "a" },
                Geo = new PostGeo { Lat = random.NextDouble() * 180 - 90, Lon = BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 0 },
            };
            AssertSame(post);
            AssertSame(new PostAnalysis { Reliability = new ReliabilityGrade("C", 3, random.NextDouble(), []) }, "number " + i);
        }
    }
}
