using System.Text.Json;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Core.Posts;

/// <summary>
/// Reads the store's <c>post_json</c> / <c>analysis_json</c> documents (<see cref="CompactJsonEncoder"/>'s
/// form, and the serializer's form of older rows) field by field with a <see cref="Utf8JsonReader"/>:
/// the serializer's reflection path costs about twice the CPU per document (`store-read` bench), and the live map reads tens of
/// thousands of rows when a page opens, on the cores the pipeline needs.
/// </summary>
/// <remarks>
/// The result must equal what <see cref="JsonSerializer"/> with <see cref="PostJson.Options"/> reads.
/// The decoder reads only the shape the serializer's contract accepts without surprises: properties
/// matched by exact (case-sensitive) name, unknown ones skipped, missing ones left at their defaults,
/// null read as null for reference types. Anything else — an escaped property name, a duplicate property,
/// a token of the wrong kind (the reader's getters throw), a missing required member, a null where a
/// value type is declared, a null <c>raw</c> — makes it give up, and the serializer reads the document
/// instead, so its result or its exception is the answer. The readers (the reader's own getters for
/// strings, numbers and ISO dates) are the ones the serializer's converters use. <c>CompactJsonDecoderTests</c>
/// compares both paths on every scenario post and on odd documents; a new field on <see cref="Post"/>,
/// <see cref="PostAnalysis"/> or their parts must be added here too (that test's all-fields case fails
/// until it is).
/// </remarks>
public static class CompactJsonDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Thrown inside the decoder when the document is outside its fast shape.</summary>
    private sealed class GiveUp : Exception;

    public static Post? DecodePost(ReadOnlySpan<byte> utf8)
    {
        if (TryDecode(utf8, ReadPost, out var post)) return post;
        return PostJson.DeserializePost(utf8);
    }

    public static PostAnalysis? DecodeAnalysis(ReadOnlySpan<byte> utf8)
    {
        if (TryDecode(utf8, ReadAnalysis, out var analysis)) return analysis;
        return PostJson.DeserializeAnalysis(utf8);
    }

    /// <summary>The fast path alone (tests: the stored documents must not need the serializer).</summary>
    internal static bool TryDecodePost(ReadOnlySpan<byte> utf8, out Post? post) => TryDecode(utf8, ReadPost, out post);

    internal static bool TryDecodeAnalysis(ReadOnlySpan<byte> utf8, out PostAnalysis? analysis) => TryDecode(utf8, ReadAnalysis, out analysis);

    private delegate T ReadObject<T>(ref Utf8JsonReader reader);

    /// <summary>The fast read of one top-level object; false when the serializer must decide.</summary>
    private static bool TryDecode<T>(ReadOnlySpan<byte> utf8, ReadObject<T> read, out T? value) where T : class
    {
        value = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var result = read(ref reader);
            if (reader.Read()) return false; // trailing content: the serializer's error
            value = result;
            return true;
        }
        catch (Exception e) when (e is GiveUp or JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    // ---- Post ----

    private static Post ReadPost(ref Utf8JsonReader r)
    {
        string schemaVersion = Post.CurrentSchemaVersion;
        string? source = null, sourcePostId = null, text = null, url = null, lang = null, kind = null,
            replyToId = null, repostOfId = null, quoteOfId = null, contentWarning = null;
        DateTimeOffset createdAt = default;
        DateTimeOffset? receivedAt = null, editedAt = null;
        PostAuthor? author = null;
        bool sensitive = false;
        PostGeo? geo = null;
        PostPlace? place = null;
        IReadOnlyList<PostMedia>? media = [];
        IReadOnlyList<string>? urls = [], hashtags = [], mentions = [], matched = [];
        JsonElement? raw = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("schema_version"u8)) { Seen(ref seen, 0); schemaVersion = Repeated(ref r)!; }
            else if (n.SequenceEqual("source"u8)) { Seen(ref seen, 1); source = Repeated(ref r); }
            else if (n.SequenceEqual("source_post_id"u8)) { Seen(ref seen, 2); sourcePostId = NullableString(ref r); }
            else if (n.SequenceEqual("text"u8)) { Seen(ref seen, 3); text = NullableString(ref r); }
            else if (n.SequenceEqual("created_at"u8)) { Seen(ref seen, 4); createdAt = r.GetDateTimeOffset(); }
            else if (n.SequenceEqual("author"u8)) { Seen(ref seen, 5); author = Object(ref r, ReadAuthor); }
            else if (n.SequenceEqual("received_at"u8)) { Seen(ref seen, 6); receivedAt = NullableDate(ref r); }
            else if (n.SequenceEqual("url"u8)) { Seen(ref seen, 7); url = NullableString(ref r); }
            else if (n.SequenceEqual("lang"u8)) { Seen(ref seen, 8); lang = Repeated(ref r); }
            else if (n.SequenceEqual("kind"u8)) { Seen(ref seen, 9); kind = Repeated(ref r); }
            else if (n.SequenceEqual("reply_to_id"u8)) { Seen(ref seen, 10); replyToId = NullableString(ref r); }
            else if (n.SequenceEqual("repost_of_id"u8)) { Seen(ref seen, 11); repostOfId = NullableString(ref r); }
            else if (n.SequenceEqual("quote_of_id"u8)) { Seen(ref seen, 12); quoteOfId = NullableString(ref r); }
            else if (n.SequenceEqual("content_warning"u8)) { Seen(ref seen, 13); contentWarning = NullableString(ref r); }
            else if (n.SequenceEqual("sensitive"u8)) { Seen(ref seen, 14); sensitive = r.GetBoolean(); }
            else if (n.SequenceEqual("geo"u8)) { Seen(ref seen, 15); geo = Object(ref r, ReadGeo); }
            else if (n.SequenceEqual("place"u8)) { Seen(ref seen, 16); place = Object(ref r, ReadPlace); }
            else if (n.SequenceEqual("media"u8)) { Seen(ref seen, 17); media = ObjectList(ref r, ReadMedia); }
            else if (n.SequenceEqual("urls"u8)) { Seen(ref seen, 18); urls = Strings(ref r); }
            else if (n.SequenceEqual("hashtags"u8)) { Seen(ref seen, 19); hashtags = Strings(ref r); }
            else if (n.SequenceEqual("mentions"u8)) { Seen(ref seen, 20); mentions = Strings(ref r); }
            else if (n.SequenceEqual("matched"u8)) { Seen(ref seen, 21); matched = Strings(ref r); }
            else if (n.SequenceEqual("edited_at"u8)) { Seen(ref seen, 22); editedAt = NullableDate(ref r); }
            else if (n.SequenceEqual("raw"u8))
            {
                Seen(ref seen, 23);
                if (r.TokenType == JsonTokenType.Null) throw new GiveUp(); // JsonElement? and null: the serializer's call
                raw = JsonElement.ParseValue(ref r);
            }
            else r.Skip();
        }
        // Required members (source, source_post_id, text, created_at, author): the serializer reports a missing one.
        if ((seen & 0b11_1110) != 0b11_1110) throw new GiveUp();
        return new Post
        {
            SchemaVersion = schemaVersion,
            Source = source!,
            SourcePostId = sourcePostId!,
            Text = text!,
            CreatedAt = createdAt,
            Author = author!,
            ReceivedAt = receivedAt,
            Url = url,
            Lang = lang,
            Kind = kind,
            ReplyToId = replyToId,
            RepostOfId = repostOfId,
            QuoteOfId = quoteOfId,
            ContentWarning = contentWarning,
            Sensitive = sensitive,
            Geo = geo,
            Place = place,
            Media = media!,
            Urls = urls!,
            Hashtags = hashtags!,
            Mentions = mentions!,
            Matched = matched!,
            EditedAt = editedAt,
            Raw = raw,
        };
    }

    private static PostAuthor ReadAuthor(ref Utf8JsonReader r)
    {
        string? id = null, handle = null, displayName = null, profileUrl = null, verifiedKind = null,
            registeredReporterId = null, profileLocationText = null;
        int? followers = null, following = null, posts = null;
        DateTimeOffset? accountCreatedAt = null;
        bool? isBot = null, verified = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("id"u8)) { Seen(ref seen, 0); id = NullableString(ref r); }
            else if (n.SequenceEqual("handle"u8)) { Seen(ref seen, 1); handle = NullableString(ref r); }
            else if (n.SequenceEqual("display_name"u8)) { Seen(ref seen, 2); displayName = NullableString(ref r); }
            else if (n.SequenceEqual("profile_url"u8)) { Seen(ref seen, 3); profileUrl = NullableString(ref r); }
            else if (n.SequenceEqual("followers_count"u8)) { Seen(ref seen, 4); followers = NullableInt(ref r); }
            else if (n.SequenceEqual("following_count"u8)) { Seen(ref seen, 5); following = NullableInt(ref r); }
            else if (n.SequenceEqual("posts_count"u8)) { Seen(ref seen, 6); posts = NullableInt(ref r); }
            else if (n.SequenceEqual("account_created_at"u8)) { Seen(ref seen, 7); accountCreatedAt = NullableDate(ref r); }
            else if (n.SequenceEqual("is_bot"u8)) { Seen(ref seen, 8); isBot = NullableBool(ref r); }
            else if (n.SequenceEqual("verified"u8)) { Seen(ref seen, 9); verified = NullableBool(ref r); }
            else if (n.SequenceEqual("verified_kind"u8)) { Seen(ref seen, 10); verifiedKind = Repeated(ref r); }
            else if (n.SequenceEqual("registered_reporter_id"u8)) { Seen(ref seen, 11); registeredReporterId = NullableString(ref r); }
            else if (n.SequenceEqual("profile_location_text"u8)) { Seen(ref seen, 12); profileLocationText = Repeated(ref r); }
            else r.Skip();
        }
        if ((seen & 1) == 0) throw new GiveUp(); // id is required
        return new PostAuthor
        {
            Id = id!,
            Handle = handle,
            DisplayName = displayName,
            ProfileUrl = profileUrl,
            FollowersCount = followers,
            FollowingCount = following,
            PostsCount = posts,
            AccountCreatedAt = accountCreatedAt,
            IsBot = isBot,
            Verified = verified,
            VerifiedKind = verifiedKind,
            RegisteredReporterId = registeredReporterId,
            ProfileLocationText = profileLocationText,
        };
    }

    private static PostGeo ReadGeo(ref Utf8JsonReader r)
    {
        double lat = 0, lon = 0;
        double? accuracy = null;
        string? kind = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("lat"u8)) { Seen(ref seen, 0); lat = r.GetDouble(); }
            else if (n.SequenceEqual("lon"u8)) { Seen(ref seen, 1); lon = r.GetDouble(); }
            else if (n.SequenceEqual("accuracy_m"u8)) { Seen(ref seen, 2); accuracy = r.TokenType == JsonTokenType.Null ? null : r.GetDouble(); }
            else if (n.SequenceEqual("kind"u8)) { Seen(ref seen, 3); kind = Repeated(ref r); }
            else r.Skip();
        }
        if ((seen & 0b11) != 0b11) throw new GiveUp(); // lat and lon are required
        return new PostGeo { Lat = lat, Lon = lon, AccuracyM = accuracy, Kind = kind };
    }

    private static PostPlace ReadPlace(ref Utf8JsonReader r)
    {
        string? name = null, fullName = null, countryCode = null;
        IReadOnlyList<double>? bbox = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("name"u8)) { Seen(ref seen, 0); name = NullableString(ref r); }
            else if (n.SequenceEqual("full_name"u8)) { Seen(ref seen, 1); fullName = NullableString(ref r); }
            else if (n.SequenceEqual("country_code"u8)) { Seen(ref seen, 2); countryCode = NullableString(ref r); }
            else if (n.SequenceEqual("bbox"u8)) { Seen(ref seen, 3); bbox = Doubles(ref r); }
            else r.Skip();
        }
        return new PostPlace { Name = name, FullName = fullName, CountryCode = countryCode, Bbox = bbox };
    }

    private static PostMedia ReadMedia(ref Utf8JsonReader r)
    {
        string? type = null, url = null, previewUrl = null, altText = null;
        int? width = null, height = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("type"u8)) { Seen(ref seen, 0); type = Repeated(ref r); }
            else if (n.SequenceEqual("url"u8)) { Seen(ref seen, 1); url = NullableString(ref r); }
            else if (n.SequenceEqual("preview_url"u8)) { Seen(ref seen, 2); previewUrl = NullableString(ref r); }
            else if (n.SequenceEqual("alt_text"u8)) { Seen(ref seen, 3); altText = NullableString(ref r); }
            else if (n.SequenceEqual("width"u8)) { Seen(ref seen, 4); width = NullableInt(ref r); }
            else if (n.SequenceEqual("height"u8)) { Seen(ref seen, 5); height = NullableInt(ref r); }
            else r.Skip();
        }
        return new PostMedia { Type = type, Url = url, PreviewUrl = previewUrl, AltText = altText, Width = width, Height = height };
    }

    // ---- Analysis ----

    private static PostAnalysis ReadAnalysis(ref Utf8JsonReader r)
    {
        bool relevant = false;
        IReadOnlyList<string>? categories = [], hazards = [];
        IReadOnlyList<TermMatch>? matches = [];
        string? excludedBy = null, duplicateOf = null, claimId = null;
        string claimStatus = ClaimStatuses.Unverified;
        PostLocation? location = null;
        SpatialJoinResult? spatial = null;
        ReliabilityGrade? reliability = ReliabilityGrade.Unknown;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("relevant"u8)) { Seen(ref seen, 0); relevant = r.GetBoolean(); }
            else if (n.SequenceEqual("categories"u8)) { Seen(ref seen, 1); categories = Strings(ref r, repeated: true); }
            else if (n.SequenceEqual("hazards"u8)) { Seen(ref seen, 2); hazards = Strings(ref r, repeated: true); }
            else if (n.SequenceEqual("matches"u8)) { Seen(ref seen, 3); matches = ObjectList(ref r, ReadTermMatch); }
            else if (n.SequenceEqual("excluded_by"u8)) { Seen(ref seen, 4); excludedBy = Repeated(ref r); }
            else if (n.SequenceEqual("location"u8)) { Seen(ref seen, 5); location = Object(ref r, ReadLocation); }
            else if (n.SequenceEqual("spatial"u8)) { Seen(ref seen, 6); spatial = Object(ref r, ReadSpatial); }
            else if (n.SequenceEqual("reliability"u8)) { Seen(ref seen, 7); reliability = Object(ref r, ReadGrade); }
            else if (n.SequenceEqual("duplicate_of"u8)) { Seen(ref seen, 8); duplicateOf = NullableString(ref r); }
            else if (n.SequenceEqual("claim_id"u8)) { Seen(ref seen, 9); claimId = NullableString(ref r); }
            else if (n.SequenceEqual("claim_status"u8)) { Seen(ref seen, 10); claimStatus = Repeated(ref r)!; }
            else r.Skip();
        }
        return new PostAnalysis
        {
            Relevant = relevant,
            Categories = categories!,
            Hazards = hazards!,
            Matches = matches!,
            ExcludedBy = excludedBy,
            Location = location,
            Spatial = spatial,
            Reliability = reliability!,
            DuplicateOf = duplicateOf,
            ClaimId = claimId,
            ClaimStatus = claimStatus,
        };
    }

    private static TermMatch ReadTermMatch(ref Utf8JsonReader r)
    {
        string? term = null, category = null;
        int start = 0, length = 0;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("term"u8)) { Seen(ref seen, 0); term = Repeated(ref r); }
            else if (n.SequenceEqual("category"u8)) { Seen(ref seen, 1); category = Repeated(ref r); }
            else if (n.SequenceEqual("start"u8)) { Seen(ref seen, 2); start = r.GetInt32(); }
            else if (n.SequenceEqual("length"u8)) { Seen(ref seen, 3); length = r.GetInt32(); }
            else r.Skip();
        }
        // Constructor parameters: a missing one is its default, as the serializer does.
        return new TermMatch(term!, category!, start, length);
    }

    private static PostLocation ReadLocation(ref Utf8JsonReader r)
    {
        double lat = 0, lon = 0, confidence = 0;
        string? level = null, lgCode = null, pref = null, city = null, town = null, source = null;
        IReadOnlyList<EvidenceSpan>? evidence = [];
        IReadOnlyList<LocationAlternative>? alternatives = [];
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("lat"u8)) { Seen(ref seen, 0); lat = r.GetDouble(); }
            else if (n.SequenceEqual("lon"u8)) { Seen(ref seen, 1); lon = r.GetDouble(); }
            else if (n.SequenceEqual("level"u8)) { Seen(ref seen, 2); level = Repeated(ref r); }
            else if (n.SequenceEqual("source"u8)) { Seen(ref seen, 3); source = Repeated(ref r); }
            else if (n.SequenceEqual("lg_code"u8)) { Seen(ref seen, 4); lgCode = Repeated(ref r); }
            else if (n.SequenceEqual("pref"u8)) { Seen(ref seen, 5); pref = Repeated(ref r); }
            else if (n.SequenceEqual("city"u8)) { Seen(ref seen, 6); city = Repeated(ref r); }
            else if (n.SequenceEqual("town"u8)) { Seen(ref seen, 7); town = Repeated(ref r); }
            else if (n.SequenceEqual("confidence"u8)) { Seen(ref seen, 8); confidence = r.GetDouble(); }
            else if (n.SequenceEqual("evidence"u8)) { Seen(ref seen, 9); evidence = ObjectList(ref r, ReadEvidence); }
            else if (n.SequenceEqual("alternatives"u8)) { Seen(ref seen, 10); alternatives = ObjectList(ref r, ReadAlternative); }
            else r.Skip();
        }
        if ((seen & 0b1111) != 0b1111) throw new GiveUp(); // lat, lon, level, source are required
        return new PostLocation
        {
            Lat = lat,
            Lon = lon,
            Level = level!,
            LgCode = lgCode,
            Pref = pref,
            City = city,
            Town = town,
            Confidence = confidence,
            Source = source!,
            Evidence = evidence!,
            Alternatives = alternatives!,
        };
    }

    private static EvidenceSpan ReadEvidence(ref Utf8JsonReader r)
    {
        string? text = null;
        int start = 0, length = 0;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("text"u8)) { Seen(ref seen, 0); text = Repeated(ref r); }
            else if (n.SequenceEqual("start"u8)) { Seen(ref seen, 1); start = r.GetInt32(); }
            else if (n.SequenceEqual("length"u8)) { Seen(ref seen, 2); length = r.GetInt32(); }
            else r.Skip();
        }
        return new EvidenceSpan(text!, start, length);
    }

    private static LocationAlternative ReadAlternative(ref Utf8JsonReader r)
    {
        string? name = null, level = null, lgCode = null;
        double lat = 0, lon = 0, confidence = 0;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("name"u8)) { Seen(ref seen, 0); name = Repeated(ref r); }
            else if (n.SequenceEqual("level"u8)) { Seen(ref seen, 1); level = Repeated(ref r); }
            else if (n.SequenceEqual("lg_code"u8)) { Seen(ref seen, 2); lgCode = Repeated(ref r); }
            else if (n.SequenceEqual("lat"u8)) { Seen(ref seen, 3); lat = r.GetDouble(); }
            else if (n.SequenceEqual("lon"u8)) { Seen(ref seen, 4); lon = r.GetDouble(); }
            else if (n.SequenceEqual("confidence"u8)) { Seen(ref seen, 5); confidence = r.GetDouble(); }
            else r.Skip();
        }
        return new LocationAlternative(name!, level!, lgCode, lat, lon, confidence);
    }

    private static SpatialJoinResult ReadSpatial(ref Utf8JsonReader r)
    {
        IReadOnlyList<ZoneHit>? zones = null;
        IReadOnlyList<ShelterHit>? shelters = null;
        string? municipality = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("zones"u8)) { Seen(ref seen, 0); zones = ObjectList(ref r, ReadZone); }
            else if (n.SequenceEqual("nearest_shelters"u8)) { Seen(ref seen, 1); shelters = ObjectList(ref r, ReadShelter); }
            else if (n.SequenceEqual("municipality"u8)) { Seen(ref seen, 2); municipality = Repeated(ref r); }
            else r.Skip();
        }
        return new SpatialJoinResult(zones!, shelters!, municipality);
    }

    private static ZoneHit ReadZone(ref Utf8JsonReader r)
    {
        long layerId = 0;
        string? layerTitle = null, zoneName = null;
        Dictionary<string, string?>? attributes = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("layer_id"u8)) { Seen(ref seen, 0); layerId = r.GetInt64(); }
            else if (n.SequenceEqual("layer_title"u8)) { Seen(ref seen, 1); layerTitle = Repeated(ref r); }
            else if (n.SequenceEqual("zone_name"u8)) { Seen(ref seen, 2); zoneName = Repeated(ref r); }
            else if (n.SequenceEqual("attributes"u8)) { Seen(ref seen, 3); attributes = Attributes(ref r); }
            else r.Skip();
        }
        return new ZoneHit(layerId, layerTitle!, zoneName!, attributes!);
    }

    private static Dictionary<string, string?>? Attributes(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
        var attributes = new Dictionary<string, string?>();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var key = r.GetString()!;
            r.Read();
            // A repeated key is the serializer's call.
            if (!attributes.TryAdd(key, NullableString(ref r))) throw new GiveUp();
        }
        return attributes;
    }

    private static ShelterHit ReadShelter(ref Utf8JsonReader r)
    {
        long layerId = 0;
        string? name = null, address = null;
        double distance = 0, lat = 0, lon = 0;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("layer_id"u8)) { Seen(ref seen, 0); layerId = r.GetInt64(); }
            else if (n.SequenceEqual("name"u8)) { Seen(ref seen, 1); name = Repeated(ref r); }
            else if (n.SequenceEqual("address"u8)) { Seen(ref seen, 2); address = Repeated(ref r); }
            else if (n.SequenceEqual("distance_metres"u8)) { Seen(ref seen, 3); distance = r.GetDouble(); }
            else if (n.SequenceEqual("lat"u8)) { Seen(ref seen, 4); lat = r.GetDouble(); }
            else if (n.SequenceEqual("lon"u8)) { Seen(ref seen, 5); lon = r.GetDouble(); }
            else r.Skip();
        }
        return new ShelterHit(layerId, name!, address, distance, lat, lon);
    }

    private static ReliabilityGrade ReadGrade(ref Utf8JsonReader r)
    {
        string? source = null;
        int credibility = 0;
        double score = 0;
        IReadOnlyList<string>? reasons = null;
        ulong seen = 0;
        while (NextProperty(ref r))
        {
            var n = r.ValueSpan;
            r.Read();
            if (n.SequenceEqual("source"u8)) { Seen(ref seen, 0); source = Repeated(ref r); }
            else if (n.SequenceEqual("credibility"u8)) { Seen(ref seen, 1); credibility = r.GetInt32(); }
            else if (n.SequenceEqual("score"u8)) { Seen(ref seen, 2); score = r.GetDouble(); }
            else if (n.SequenceEqual("reasons"u8)) { Seen(ref seen, 3); reasons = Strings(ref r, repeated: true); }
            else r.Skip(); // "code" is computed: the serializer ignores it on reading too
        }
        return new ReliabilityGrade(source!, credibility, score, reasons!);
    }

    // ---- Helpers ----

    /// <summary>Moves to the next property name of the current object (false at its end). Escaped
    /// names are matched by the serializer only.</summary>
    private static bool NextProperty(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.EndObject) return false;
        if (r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped) throw new GiveUp();
        return true;
    }

    /// <summary>A property read twice: the serializer decides (last one wins, or an error for some contracts).</summary>
    private static void Seen(ref ulong seen, int bit)
    {
        var mask = 1UL << bit;
        if ((seen & mask) != 0) throw new GiveUp();
        seen |= mask;
    }

    private static T? Object<T>(ref Utf8JsonReader r, ReadObject<T> read) where T : class
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartObject) throw new GiveUp();
        return read(ref r);
    }

    // Null elements are kept (as the serializer does), whatever the element type's annotation says.
    private static List<T>? ObjectList<T>(ref Utf8JsonReader r, ReadObject<T> read) where T : class
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
        var list = new List<T>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            list.Add(Object(ref r, read)!);
        return list;
    }

    private static List<string>? Strings(ref Utf8JsonReader r, bool repeated = false)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
        var list = new List<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            list.Add((repeated ? Repeated(ref r) : NullableString(ref r))!);
        return list;
    }

    private static List<double>? Doubles(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartArray) throw new GiveUp();
        var list = new List<double>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            list.Add(r.GetDouble());
        return list;
    }

    /// <summary>The string, or null for a JSON null; any other token throws (the serializer's error).</summary>
    private static string? NullableString(ref Utf8JsonReader r) =>
        r.TokenType == JsonTokenType.Null ? null : r.GetString();

    /// <summary>A value that recurs across rows (names of places, categories, reasons, profile locations):
    /// one string per distinct value on this thread instead of one per row — a lookup costs
    /// less than transcoding and allocating, and 100,000 map rows share their strings.</summary>
    private static string? Repeated(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.ValueSpan.Length > RepeatedStrings.MaxBytes)
            return NullableString(ref r);
        return (t_repeated ??= new RepeatedStrings()).Get(ref r);
    }

    [ThreadStatic] private static RepeatedStrings? t_repeated;

    /// <summary>A direct-mapped cache from UTF-8 bytes to the string the reader made of them (a miss
    /// replaces the slot). Keys are the raw bytes of unescaped values the reader has already turned
    /// into a string (and so validated), so a hit returns exactly what <see cref="Utf8JsonReader.GetString"/> would.</summary>
    private sealed class RepeatedStrings
    {
        public const int MaxBytes = 96;
        private const int Slots = 4096; // a power of two
        private readonly byte[]?[] _keys = new byte[Slots][];
        private readonly string?[] _values = new string[Slots];

        public string Get(ref Utf8JsonReader r)
        {
            var utf8 = r.ValueSpan;
            var hash = new HashCode();
            hash.AddBytes(utf8);
            int slot = hash.ToHashCode() & (Slots - 1);
            if (_keys[slot] is { } key && utf8.SequenceEqual(key)) return _values[slot]!;
            var value = r.GetString()!;
            _keys[slot] = utf8.ToArray();
            _values[slot] = value;
            return value;
        }
    }

    private static int? NullableInt(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Null ? null : r.GetInt32();

    private static bool? NullableBool(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Null ? null : r.GetBoolean();

    private static DateTimeOffset? NullableDate(ref Utf8JsonReader r) =>
        r.TokenType == JsonTokenType.Null ? null : r.GetDateTimeOffset();
}
