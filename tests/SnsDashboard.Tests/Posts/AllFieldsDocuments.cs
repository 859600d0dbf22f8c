using System.Text.Json;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Tests.Posts;

/// <summary>
/// A post and an analysis with every field of the stored model set and a hostile text in each string,
/// for the tests that hold the store's hand-written encoder and decoder to the serializer.
/// </summary>
internal static class AllFieldsDocuments
{
    public static TheoryData<string> HostileTexts => new()
    {
        "</script><script>alert(1)</script>",
        "<img src=x onerror=\"alert('x')\"> & &amp; `backtick` + 'quote' \"dq\"",
        "control \u0000\u0001\u0008\t\n\r\u001f\u007f end",
        "line\u2028separator\u2029paragraph \u0085 nel",
        "emoji 🚨🆘👨‍👩‍👧 and 救助 熊本市中央区",
        "lone high \ud83d end",
        "lone low \ude00 end",
        "reversed \ude00\ud83d pair",
        "back\\slash /solidus \ufeff bom \ufffd replacement",
        "半角ｶﾀｶﾅ 〜～ ＃救助 #救助 \u200b zero width",
        "",
    };

    private static readonly DateTimeOffset T = new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.FromHours(9)).AddTicks(4567);

    public static Post Post(string text) => new()
    {
        Source = "mastodon", SourcePostId = "id" + text, Text = text, CreatedAt = T, ReceivedAt = T.ToUniversalTime(),
        Author = new PostAuthor
        {
            Id = text + "a", Handle = text, DisplayName = text, ProfileUrl = "https://example.invalid/@" + text,
            FollowersCount = int.MaxValue, FollowingCount = 0, PostsCount = -1, AccountCreatedAt = T.AddYears(-3),
            IsBot = false, Verified = true, VerifiedKind = "government", RegisteredReporterId = text, ProfileLocationText = text,
        },
        Url = "https://example.invalid/p?q=" + text, Lang = "ja", Kind = PostKinds.Quote,
        ReplyToId = text, RepostOfId = text, QuoteOfId = text, ContentWarning = text, Sensitive = true,
        Geo = new PostGeo { Lat = 32.80309, Lon = 130.70789, AccuracyM = 0.1, Kind = "exact" },
        Place = new PostPlace { Name = text, FullName = text, CountryCode = "JP", Bbox = [130.1, -0.0, 1e-7, 1.7976931348623157e308] },
        Media = [new PostMedia { Type = "image", Url = text, PreviewUrl = text, AltText = text, Width = 1, Height = 2 }, new PostMedia()],
        Urls = [text, "https://a.invalid/"], Hashtags = [text], Mentions = [text, ""], Matched = ["救助", text],
        EditedAt = T.AddMinutes(1),
        Raw = JsonDocument.Parse(JsonSerializer.Serialize(new { text, nested = new object[] { 1.5, true, null!, new { k = text } } })).RootElement,
    };

    public static PostAnalysis Analysis(string text) => new()
    {
        Relevant = true, Categories = ["rescue_request", text], Hazards = [text],
        Matches = [new TermMatch(text, "rescue_request", 0, text.Length), new TermMatch("救助", "c", int.MaxValue, 0)],
        ExcludedBy = text,
        Location = new PostLocation
        {
            Lat = 32.8, Lon = 130.7, Level = LocationLevels.Town, LgCode = "431001", Pref = text, City = text, Town = text,
            Confidence = 0.85, Source = "text", Evidence = [new EvidenceSpan(text, 3, 4)],
            Alternatives = [new LocationAlternative(text, "town", null, 1.0 / 3, -2.5e-5, 0), new LocationAlternative("x", "pref", "43", 0, 0, 1)],
        },
        Spatial = new SpatialJoinResult(
            [new ZoneHit(7, text, text, new Dictionary<string, string?> { [text + "k"] = text, ["浸水ランク"] = "3", ["none"] = null, ["</script>"] = "" })],
            [new ShelterHit(long.MaxValue, text, null, 123.456, 32.1, 130.2), new ShelterHit(1, "避難所", text, 0, 0, 0)], text),
        Reliability = new ReliabilityGrade("B", 2, 0.6666666666666666, [text, "official"]),
        DuplicateOf = text, ClaimId = text, ClaimStatus = text,
    };

    /// <summary>Every property the serializer knows of the stored model is in these two documents: a field
    /// added to the model later and not set in <see cref="Post"/>/<see cref="Analysis"/> fails here.</summary>
    public static void AssertEveryModelPropertyIsSet(Post post, PostAnalysis analysis, JsonSerializerOptions options)
    {
        var written = PropertyNames(JsonSerializer.SerializeToUtf8Bytes(post, options))
            .Concat(PropertyNames(JsonSerializer.SerializeToUtf8Bytes(analysis, options))).ToHashSet();
        Type[] model = [typeof(Core.Posts.Post), typeof(PostAuthor), typeof(PostGeo), typeof(PostPlace), typeof(PostMedia), typeof(PostAnalysis),
            typeof(TermMatch), typeof(PostLocation), typeof(EvidenceSpan), typeof(LocationAlternative), typeof(ReliabilityGrade),
            typeof(SpatialJoinResult), typeof(ZoneHit), typeof(ShelterHit)];
        foreach (var type in model)
            foreach (var property in options.GetTypeInfo(type).Properties)
                Assert.True(written.Contains(property.Name), $"{type.Name}.{property.Name} is not set by AllFieldsDocuments");
    }

    private static IEnumerable<string> PropertyNames(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var names = new List<string>();
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName) names.Add(reader.GetString()!);
        return names;
    }
}
