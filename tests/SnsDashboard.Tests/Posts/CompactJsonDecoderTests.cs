using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Sources.Replay.Composing;
using SnsDashboard.Tests.Replay;

namespace SnsDashboard.Tests.Posts;

/// <summary>
/// The store reads <c>post_json</c> / <c>analysis_json</c> with a hand-written decoder; it must give
/// what the System.Text.Json serializer (<see cref="PostJson.DeserializePost(ReadOnlySpan{byte})"/>,
/// <see cref="PostJson.DeserializeAnalysis"/>, kept here as the reference) gives: equal objects — compared
/// by a full re-serialisation (nulls and empty lists written) and by the runtime types of every
/// part — or a failure in both.
/// </summary>
public class CompactJsonDecoderTests
{
    /// <summary>Writes every field, nulls included, so null and [] and a missing default differ.</summary>
    private static readonly JsonSerializerOptions Canonical = CreateCanonical();

    private static JsonSerializerOptions CreateCanonical()
    {
        var o = new JsonSerializerOptions(PostJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    private static readonly PipelineSnapshot Snapshot = PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"));

    /// <summary>Both paths agree on <paramref name="utf8"/>; returns whether the decoder read it without the serializer.</summary>
    private static bool AssertPostSame(byte[] utf8, string what)
    {
        var fast = CompactJsonDecoder.TryDecodePost(utf8, out var decoded);
        AssertSameOutcome(() => PostJson.DeserializePost(utf8), () => CompactJsonDecoder.DecodePost(utf8), what);
        if (fast) AssertEqual(PostJson.DeserializePost(utf8), decoded, what + " (fast path)");
        return fast;
    }

    private static bool AssertAnalysisSame(byte[] utf8, string what)
    {
        var fast = CompactJsonDecoder.TryDecodeAnalysis(utf8, out var decoded);
        AssertSameOutcome(() => PostJson.DeserializeAnalysis(utf8), () => CompactJsonDecoder.DecodeAnalysis(utf8), what);
        if (fast) AssertEqual(PostJson.DeserializeAnalysis(utf8), decoded, what + " (fast path)");
        return fast;
    }

    private static void AssertSameOutcome<T>(Func<T?> reference, Func<T?> decoder, string what) where T : class
    {
        T? expected = null, actual = null;
        Exception? expectedError = null, actualError = null;
        try { expected = reference(); } catch (Exception e) { expectedError = e; }
        try { actual = decoder(); } catch (Exception e) { actualError = e; }
        if (expectedError is not null || actualError is not null)
        {
            Assert.True(expectedError is not null && actualError is not null,
                $"{what}: serializer {expectedError?.GetType().Name ?? "ok"}, decoder {actualError?.GetType().Name ?? "ok"} ({actualError?.Message})");
            Assert.Equal(expectedError!.GetType(), actualError!.GetType());
            return;
        }
        AssertEqual(expected, actual, what);
    }

    private static void AssertEqual<T>(T? expected, T? actual, string what) where T : class
    {
        var e = JsonSerializer.Serialize(expected, Canonical);
        var a = JsonSerializer.Serialize(actual, Canonical);
        if (e != a) Assert.Fail($"{what}:\nserializer {e}\ndecoder    {a}");
        AssertSameShape(expected, actual, what);
    }

    /// <summary>Same runtime types all the way down (List vs array, the default empty list vs a read one).</summary>
    private static void AssertSameShape(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null) { Assert.True(expected is null && actual is null, path + ": null on one side"); return; }
        Assert.True(expected.GetType() == actual.GetType(), $"{path}: {expected.GetType()} vs {actual.GetType()}");
        if (expected is string || expected is JsonElement || expected.GetType().IsPrimitive || expected is DateTimeOffset) return;
        if (expected is IDictionary de)
        {
            var da = (IDictionary)actual;
            Assert.Equal(de.Keys.Cast<object>(), da.Keys.Cast<object>()); // insertion order too
            foreach (var key in de.Keys) AssertSameShape(de[key], da[key], $"{path}[{key}]");
            return;
        }
        if (expected is IEnumerable ee)
        {
            var le = ee.Cast<object?>().ToList();
            var la = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.Equal(le.Count, la.Count);
            for (int i = 0; i < le.Count; i++) AssertSameShape(le[i], la[i], $"{path}[{i}]");
            return;
        }
        foreach (var property in expected.GetType().GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType && property.PropertyType != typeof(JsonElement?)) continue;
            AssertSameShape(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    /// <summary>Every post of a committed scenario through the real analyser and the store's encoder
    /// (stored form, text column apart), and the serializer's form older rows have: read equal, and
    /// the stored form never needs the serializer.</summary>
    [Theory]
    [InlineData("kumamoto-earthquake.jsonl")]
    [InlineData("kyushu-heavy-rain.jsonl")]
    public void Every_scenario_post_and_analysis_decodes_as_the_serializer_does(string file)
    {
        var posts = ScenarioPaths.ScenarioPosts(file);
        Assert.True(posts.Count > 1_000);
        var analyser = new PostAnalyser(new SnapshotHolder(Snapshot));
        var now = posts[^1].CreatedAt;
        int located = 0, matched = 0, reasons = 0;
        foreach (var post in posts)
        {
            var analysis = analyser.Analyse(post, now);
            Assert.True(AssertPostSame(CompactJsonEncoder.Encode(post, withoutText: true), post.SourcePostId), post.SourcePostId + " needed the serializer");
            Assert.True(AssertAnalysisSame(CompactJsonEncoder.Encode(analysis), post.SourcePostId), post.SourcePostId + " analysis needed the serializer");
            // Rows written before the compact encoder: the serializer's full form (text inside, empty lists, explicit nulls).
            Assert.True(AssertPostSame(PostJson.SerializeToUtf8(post), post.SourcePostId + " (old row)"));
            Assert.True(AssertAnalysisSame(PostJson.SerializeToUtf8(analysis), post.SourcePostId + " (old row analysis)"));
            located += analysis.Location is { Evidence.Count: > 0 } ? 1 : 0;
            matched += analysis.Matches.Count > 0 ? 1 : 0;
            reasons += analysis.Reliability.Reasons.Count > 0 ? 1 : 0;
        }
        Assert.True(located > 100 && matched > 100 && reasons > 100, $"located {located}, matched {matched}, reasons {reasons}");
    }

    [Fact]
    public void Synthetic_posts_with_copies_reposts_and_spatial_joins_decode_as_the_serializer_does()
    {
        var analyser = new PostAnalyser(new SnapshotHolder(Snapshot));
        var posts = SyntheticPostGenerator.Generate(200, 1, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.FromHours(9)), 42).ToList();
        int copies = 0;
        foreach (var post in posts)
        {
            var analysis = analyser.Analyse(post, posts[^1].CreatedAt);
            if (analysis.Location is { } l)
                analysis = analysis with
                {
                    Spatial = new SpatialJoinResult(
                        [new ZoneHit(3, "洪水浸水想定区域", "想定最大規模", new Dictionary<string, string?> { ["浸水ランク"] = "3", ["備考"] = null })],
                        [new ShelterHit(4, "避難所", null, 812.5, l.Lat + 0.001, l.Lon)], "熊本市中央区"),
                };
            Assert.True(AssertPostSame(CompactJsonEncoder.Encode(post, withoutText: true), post.SourcePostId));
            Assert.True(AssertAnalysisSame(CompactJsonEncoder.Encode(analysis), post.SourcePostId));
            copies += analysis.DuplicateOf is not null ? 1 : 0;
        }
        Assert.True(copies > 0, $"copies {copies}");
    }

    public static TheoryData<string> HostileTexts => AllFieldsDocuments.HostileTexts;

    /// <summary>Every field set, with hostile text in each string (<see cref="AllFieldsDocuments"/>).</summary>
    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Every_field_with_hostile_text_decodes_as_the_serializer_does(string text)
    {
        var post = AllFieldsDocuments.Post(text);
        var analysis = AllFieldsDocuments.Analysis(text);
        Assert.True(AssertPostSame(CompactJsonEncoder.Encode(post), "hostile: " + text));
        Assert.True(AssertAnalysisSame(CompactJsonEncoder.Encode(analysis), "hostile: " + text));
        // The full re-serialisation above compares every field, so every field must be set (checked with
        // the store's options: the canonical ones write unset fields as null and would hide one).
        AllFieldsDocuments.AssertEveryModelPropertyIsSet(post, analysis, PostJson.Options);
    }

    private const string MinimalPost = """{"schema_version":"1","source":"x","source_post_id":"1","text":"","created_at":"2026-11-22T09:00:00+09:00","author":{"id":"a"}""";

    /// <summary>Hand-written documents: older and odd rows, unknown and computed properties, nulls,
    /// escapes, duplicates, wrong types, missing required members, trailing content.</summary>
    [Theory]
    // Missing optional properties, and the serializer's full form with explicit nulls.
    [InlineData(MinimalPost + "}", true)]
    [InlineData("""{"source":"x","source_post_id":"1","text":"t","created_at":"2026-11-22T00:00:00Z","author":{"id":"a"}}""", true)]
    [InlineData(MinimalPost + ""","url":null,"lang":null,"geo":null,"place":null,"received_at":null,"edited_at":null}""", true)]
    // Unknown and computed properties are skipped, however nested.
    [InlineData(MinimalPost + ""","key":{"source":"x"},"is_repost":true,"future":{"a":[1,{"b":[null,"c"]}],"d":-1e300}}""", true)]
    [InlineData(MinimalPost + ""","author_extra":[],"author":{"id":"a","unknown":{"x":1}}}""", false)] // duplicate author: serializer
    // Explicit nulls where lists and objects are declared.
    [InlineData(MinimalPost + ""","media":null,"urls":null,"hashtags":[null,"h"],"media":[]}""", false)] // duplicate media
    [InlineData(MinimalPost + ""","media":[null,{}],"urls":null,"hashtags":[null,"h"],"place":{"bbox":null}}""", true)]
    [InlineData(MinimalPost + ""","place":{"bbox":[]},"geo":{"lat":1,"lon":2,"accuracy_m":null}}""", true)]
    // Escapes in values (surrogate pairs, escaped ASCII); escaped property names go to the serializer.
    [InlineData(MinimalPost + ""","url":"\ud83d\udea8 \u6551\u52a9 \/ \" \\ \u0000","lang":"j\u0061"}""", true)]
    [InlineData(MinimalPost + ""","url":"lone \ud83d here"}""", false)] // an escaped lone surrogate fails in both
    [InlineData(MinimalPost + ""","l\u0061ng":"ja"}""", false)]
    [InlineData("""{"schema_version":"1","sourc\u0065":"x","source_post_id":"1","text":"","created_at":"2026-11-22T09:00:00Z","author":{"id":"a"}}""", false)]
    // Case matters (the serializer is case-sensitive): "Lang" is an unknown property.
    [InlineData(MinimalPost + ""","Lang":"ja"}""", true)]
    // Wrong types, nulls on value types, bad dates and numbers: both fail.
    [InlineData(MinimalPost + ""","sensitive":"yes"}""", false)]
    [InlineData(MinimalPost + ""","sensitive":null}""", false)]
    [InlineData(MinimalPost + ""","geo":{"lat":null,"lon":1}}""", false)]
    [InlineData(MinimalPost + ""","geo":{"lat":"1","lon":1}}""", false)]
    [InlineData(MinimalPost + ""","author":{"id":"a","followers_count":1.5}}""", false)]
    [InlineData(MinimalPost + ""","received_at":"yesterday"}""", false)]
    [InlineData(MinimalPost + ""","received_at":"2026-11-22"}""", true)] // a date alone is ISO 8601 to both
    [InlineData(MinimalPost + ""","urls":"u"}""", false)]
    [InlineData(MinimalPost + ""","media":[1]}""", false)]
    [InlineData(MinimalPost + ""","raw":null}""", false)]
    [InlineData(MinimalPost + ""","raw":{"a":[1,2,{"b":"\u00e9"}]}}""", true)]
    // Missing required members; required members given null.
    [InlineData("""{"source":"x","source_post_id":"1","created_at":"2026-11-22T00:00:00Z","author":{"id":"a"}}""", false)]
    [InlineData("""{"source":"x","source_post_id":"1","text":"","created_at":"2026-11-22T00:00:00Z","author":{}}""", false)]
    [InlineData(MinimalPost + ""","geo":{"lat":1}}""", false)]
    [InlineData("""{"source":null,"source_post_id":"1","text":"","created_at":"2026-11-22T00:00:00Z","author":null,"schema_version":null}""", true)]
    // Not one object: null, an array, trailing content, broken JSON, a comment, a trailing comma.
    [InlineData("null", false)]
    [InlineData("[]", false)]
    [InlineData(MinimalPost + "} {}", false)]
    [InlineData(MinimalPost + "}  \n", true)]
    [InlineData(MinimalPost, false)]
    [InlineData(MinimalPost + ",}", false)]
    [InlineData(MinimalPost + "/* c */}", false)]
    public void Odd_post_documents_read_as_the_serializer_reads_them(string json, bool fastPath)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.True(fastPath == AssertPostSame(utf8, json), $"fast path expected {fastPath}: {json}");
    }

    [Theory]
    // Older rows: no spatial, no claim fields, explicit nulls.
    [InlineData("""{"relevant":true,"categories":["rescue_request"],"hazards":[],"matches":[{"term":"救助","category":"rescue_request","start":0,"length":2}],"excluded_by":null,"location":null,"reliability":{"source":"F","credibility":6,"score":0,"reasons":[],"code":"F6"},"duplicate_of":null}""", true)]
    [InlineData("{}", true)]
    [InlineData("""{"reliability":null,"claim_status":null,"categories":null,"spatial":null,"location":null}""", true)]
    [InlineData("""{"reliability":{"source":"A","credibility":1,"score":1}}""", true)] // missing constructor list: null
    [InlineData("""{"reliability":{"code":"ZZ","credibility":2,"extra":[{}]}}""", true)]
    [InlineData("""{"spatial":{"municipality":"熊本市"}}""", true)]
    [InlineData("""{"spatial":{"zones":[{"layer_id":1,"attributes":{"a":null,"\u6d78":"3","b":""}}],"nearest_shelters":[null]}}""", true)]
    [InlineData("""{"spatial":{"zones":[{"layer_id":1,"attributes":null}],"nearest_shelters":[]}}""", true)]
    [InlineData("""{"spatial":{"zones":[{"layer_id":1,"attributes":{"a":"1","a":"2"}}]}}""", false)] // repeated key: serializer
    [InlineData("""{"spatial":{"zones":[{"layer_id":1,"attributes":{"a":1}}]}}""", false)]
    [InlineData("""{"spatial":{"zones":[{"layer_id":1.5}]}}""", false)]
    [InlineData("""{"matches":[{"term":"a"},null,{"start":3,"length":1,"category":"c","term":"t","x":0}]}""", true)]
    [InlineData("""{"matches":[{"term":"a","term":"b"}]}""", false)] // duplicate constructor parameter: serializer
    [InlineData("""{"matches":[{"start":null}]}""", false)]
    [InlineData("""{"matches":[{"start":2147483648}]}""", false)]
    [InlineData("""{"location":{"lat":1,"lon":2,"level":"town","source":"text","evidence":[{"text":"熊本","start":0,"length":2}],"alternatives":null}}""", true)]
    [InlineData("""{"location":{"lat":1,"lon":2,"level":"town"}}""", false)] // required source missing
    [InlineData("""{"location":{"lat":1,"lon":2,"level":null,"source":null,"confidence":-0.0}}""", true)]
    [InlineData("""{"relevant":1}""", false)]
    [InlineData("""{"relevant":true,"relevant":false}""", false)]
    public void Odd_analysis_documents_read_as_the_serializer_reads_them(string json, bool fastPath)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.True(fastPath == AssertAnalysisSame(utf8, json), $"fast path expected {fastPath}: {json}");
    }

    /// <summary>Recurring values come from a per-thread cache of fixed size: far more distinct values
    /// than it holds (slots replaced), the same value escaped and unescaped, and long values all read
    /// as the serializer reads them, again and again.</summary>
    [Fact]
    public void Recurring_values_read_the_same_however_many_distinct_values_pass_through_the_cache()
    {
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < 12_000; i += 7)
            {
                var categories = string.Join(",", Enumerable.Range(i, 7).Select(k => $"\"c{k}熊本{new string('x', k % 120)}\""));
                var json = $$"""{"categories":[{{categories}},"\u6d78\u6c34","浸水"],"claim_status":"c{{i % 5000}}","matches":[{"term":"浸水","category":"c{{i}}"}]}""";
                Assert.True(AssertAnalysisSame(Encoding.UTF8.GetBytes(json), json));
            }
    }

    /// <summary>Damaged stored documents (bytes changed, cut short): whatever the serializer makes of
    /// them, the decoder makes the same, or both fail.</summary>
    [Fact]
    public void Damaged_documents_read_as_the_serializer_reads_them()
    {
        var posts = ScenarioPaths.ScenarioPosts("kumamoto-earthquake.jsonl");
        var analyser = new PostAnalyser(new SnapshotHolder(Snapshot));
        var random = new Random(11);
        byte[] replacements = "\"{}[],:0-.e1nultrf\\ \u00e9"u8.ToArray();
        int fastAfterDamage = 0;
        for (int i = 0; i < 1_500; i++)
        {
            var post = posts[random.Next(posts.Count)];
            var document = i % 2 == 0 ? CompactJsonEncoder.Encode(post, withoutText: true) : CompactJsonEncoder.Encode(analyser.Analyse(post, post.CreatedAt));
            var damaged = (byte[])document.Clone();
            if (i % 5 == 0) damaged = damaged[..random.Next(damaged.Length)];
            else for (int k = random.Next(1, 3); k > 0; k--) damaged[random.Next(damaged.Length)] = replacements[random.Next(replacements.Length)];
            var fast = i % 2 == 0 ? AssertPostSame(damaged, $"damaged post {i}") : AssertAnalysisSame(damaged, $"damaged analysis {i}");
            fastAfterDamage += fast ? 1 : 0;
        }
        // Some damage stays readable (inside a string, a digit): the fast path compared those too.
        Assert.True(fastAfterDamage > 50, $"fast path on {fastAfterDamage} damaged documents");
    }
}
