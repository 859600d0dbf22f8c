using System.Buffers;
using System.Text.Json;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Layers.Spatial;

namespace SnsDashboard.Core.Posts;

/// <summary>
/// The compact JSON the store keeps in <c>post_json</c> / <c>analysis_json</c>: the serializer's form
/// (<see cref="PostJson.Options"/>: snake_case, relaxed escaping) with null values and empty lists left
/// out — most posts are unrelated chatter whose analysis is mostly nulls and empty lists. Readers
/// (<see cref="PostJson.DeserializePost(ReadOnlySpan{byte})"/>, <see cref="PostJson.DeserializeAnalysis"/>)
/// get null and the empty-list defaults back. Kept even when empty: lists bound to a constructor parameter
/// (<c>ReliabilityGrade.Reasons</c>, the spatial join's lists), which would read back as null, and
/// nullable lists (<c>place.bbox</c>: null and [] differ). A non-nullable list that is null is written
/// as null; dictionary values are written even when null.
/// </summary>
/// <remarks>
/// Written field by field with a <see cref="Utf8JsonWriter"/>: the serializer's reflection-driven
/// metadata walk cost more than the writing (single-thread `stage-cost`: ≈7 µs of CPU per stored post
/// against ≈5 for this, and twice the garbage). The output is the serializer's, byte for byte: properties in declaration order,
/// and the writer, its encoder and the number/date formatting are the serializer's own, so escaping
/// (Japanese unescaped; HTML-sensitive characters, U+2028, emoji as surrogate escapes; lone surrogates
/// replaced) cannot drift. <c>CompactJsonEncoderTests</c> keeps the serializer with these rules as the
/// reference and compares every scenario post; a new field on <see cref="Post"/>, <see cref="PostAnalysis"/>
/// or their parts must be added here too (that test's hostile-text case fails until it is).
/// </remarks>
public static class CompactJsonEncoder
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = PostJson.Options.Encoder,
        Indented = false,
        SkipValidation = true,
        MaxDepth = 64,  // the serializer's effective default
    };

    /// <summary>The post as the store keeps it; <paramref name="withoutText"/> writes <c>"text":""</c>
    /// (the text has its own column), as the serializer would for <c>post with { Text = "" }</c>.</summary>
    public static byte[] Encode(Post post, bool withoutText = false)
    {
        var writer = Start(out var buffer);
        WritePost(writer, post, withoutText);
        return Finish(writer, buffer);
    }

    public static byte[] Encode(PostAnalysis analysis)
    {
        var writer = Start(out var buffer);
        WriteAnalysis(writer, analysis);
        return Finish(writer, buffer);
    }

    private static Utf8JsonWriter Start(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        if (t_writer is { } w) w.Reset(buffer);
        else t_writer = w = new Utf8JsonWriter(buffer, WriterOptions);
        return w;
    }

    private static byte[] Finish(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        // Do not let one huge document (a 20,000-character text) pin a large buffer per thread forever.
        if (buffer.Capacity > 64 * 1024) { t_buffer = null; t_writer = null; }
        return bytes;
    }

    private static class Names
    {
        public static readonly JsonEncodedText SchemaVersion = Name("schema_version"), Source = Name("source"),
            SourcePostId = Name("source_post_id"), Text = Name("text"), CreatedAt = Name("created_at"), Author = Name("author"),
            ReceivedAt = Name("received_at"), Url = Name("url"), Lang = Name("lang"), Kind = Name("kind"),
            ReplyToId = Name("reply_to_id"), RepostOfId = Name("repost_of_id"), QuoteOfId = Name("quote_of_id"),
            ContentWarning = Name("content_warning"), Sensitive = Name("sensitive"), Geo = Name("geo"), Place = Name("place"),
            Media = Name("media"), Urls = Name("urls"), Hashtags = Name("hashtags"), Mentions = Name("mentions"),
            Matched = Name("matched"), EditedAt = Name("edited_at"), Raw = Name("raw"),
            Id = Name("id"), Handle = Name("handle"), DisplayName = Name("display_name"), ProfileUrl = Name("profile_url"),
            FollowersCount = Name("followers_count"), FollowingCount = Name("following_count"), PostsCount = Name("posts_count"),
            AccountCreatedAt = Name("account_created_at"), IsBot = Name("is_bot"), Verified = Name("verified"),
            VerifiedKind = Name("verified_kind"), RegisteredReporterId = Name("registered_reporter_id"),
            ProfileLocationText = Name("profile_location_text"),
            Lat = Name("lat"), Lon = Name("lon"), AccuracyM = Name("accuracy_m"),
            Name_ = Name("name"), FullName = Name("full_name"), CountryCode = Name("country_code"), Bbox = Name("bbox"),
            Type = Name("type"), PreviewUrl = Name("preview_url"), AltText = Name("alt_text"), Width = Name("width"), Height = Name("height"),
            Relevant = Name("relevant"), Categories = Name("categories"), Hazards = Name("hazards"), Matches = Name("matches"),
            ExcludedBy = Name("excluded_by"), Location = Name("location"), Spatial = Name("spatial"), Reliability = Name("reliability"),
            DuplicateOf = Name("duplicate_of"), ClaimId = Name("claim_id"), ClaimStatus = Name("claim_status"),
            Term = Name("term"), Category = Name("category"), Start = Name("start"), Length = Name("length"),
            Level = Name("level"), LgCode = Name("lg_code"), Pref = Name("pref"), City = Name("city"), Town = Name("town"),
            Confidence = Name("confidence"), Evidence = Name("evidence"), Alternatives = Name("alternatives"),
            Credibility = Name("credibility"), Score = Name("score"), Reasons = Name("reasons"), Code = Name("code"),
            Zones = Name("zones"), NearestShelters = Name("nearest_shelters"), Municipality = Name("municipality"),
            LayerId = Name("layer_id"), LayerTitle = Name("layer_title"), ZoneName = Name("zone_name"), Attributes = Name("attributes"),
            Address = Name("address"), DistanceMetres = Name("distance_metres");

        private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, PostJson.Options.Encoder);
    }

    private static void WritePost(Utf8JsonWriter w, Post p, bool withoutText)
    {
        w.WriteStartObject();
        String(w, Names.SchemaVersion, p.SchemaVersion);
        String(w, Names.Source, p.Source);
        String(w, Names.SourcePostId, p.SourcePostId);
        if (withoutText) w.WriteString(Names.Text, ""u8);
        else String(w, Names.Text, p.Text);
        w.WriteString(Names.CreatedAt, p.CreatedAt);
        if (p.Author is { } author) { w.WritePropertyName(Names.Author); WriteAuthor(w, author); }
        Date(w, Names.ReceivedAt, p.ReceivedAt);
        String(w, Names.Url, p.Url);
        String(w, Names.Lang, p.Lang);
        String(w, Names.Kind, p.Kind);
        String(w, Names.ReplyToId, p.ReplyToId);
        String(w, Names.RepostOfId, p.RepostOfId);
        String(w, Names.QuoteOfId, p.QuoteOfId);
        String(w, Names.ContentWarning, p.ContentWarning);
        w.WriteBoolean(Names.Sensitive, p.Sensitive);
        if (p.Geo is { } geo) { w.WritePropertyName(Names.Geo); WriteGeo(w, geo); }
        if (p.Place is { } place) { w.WritePropertyName(Names.Place); WritePlace(w, place); }
        if (SkippableList(w, Names.Media, p.Media))
        {
            w.WriteStartArray();
            foreach (var m in p.Media)
                if (m is null) w.WriteNullValue(); else WriteMedia(w, m);
            w.WriteEndArray();
        }
        Strings(w, Names.Urls, p.Urls);
        Strings(w, Names.Hashtags, p.Hashtags);
        Strings(w, Names.Mentions, p.Mentions);
        Strings(w, Names.Matched, p.Matched);
        Date(w, Names.EditedAt, p.EditedAt);
        if (p.Raw is { } raw) { w.WritePropertyName(Names.Raw); raw.WriteTo(w); }
        w.WriteEndObject();
    }

    private static void WriteAuthor(Utf8JsonWriter w, PostAuthor a)
    {
        w.WriteStartObject();
        String(w, Names.Id, a.Id);
        String(w, Names.Handle, a.Handle);
        String(w, Names.DisplayName, a.DisplayName);
        String(w, Names.ProfileUrl, a.ProfileUrl);
        Int(w, Names.FollowersCount, a.FollowersCount);
        Int(w, Names.FollowingCount, a.FollowingCount);
        Int(w, Names.PostsCount, a.PostsCount);
        Date(w, Names.AccountCreatedAt, a.AccountCreatedAt);
        Bool(w, Names.IsBot, a.IsBot);
        Bool(w, Names.Verified, a.Verified);
        String(w, Names.VerifiedKind, a.VerifiedKind);
        String(w, Names.RegisteredReporterId, a.RegisteredReporterId);
        String(w, Names.ProfileLocationText, a.ProfileLocationText);
        w.WriteEndObject();
    }

    private static void WriteGeo(Utf8JsonWriter w, PostGeo g)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.Lat, g.Lat);
        w.WriteNumber(Names.Lon, g.Lon);
        if (g.AccuracyM is { } accuracy) w.WriteNumber(Names.AccuracyM, accuracy);
        String(w, Names.Kind, g.Kind);
        w.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter w, PostPlace p)
    {
        w.WriteStartObject();
        String(w, Names.Name_, p.Name);
        String(w, Names.FullName, p.FullName);
        String(w, Names.CountryCode, p.CountryCode);
        // Nullable list: kept when empty (null and [] differ).
        if (p.Bbox is { } bbox)
        {
            w.WriteStartArray(Names.Bbox);
            foreach (var d in bbox) w.WriteNumberValue(d);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteMedia(Utf8JsonWriter w, PostMedia m)
    {
        w.WriteStartObject();
        String(w, Names.Type, m.Type);
        String(w, Names.Url, m.Url);
        String(w, Names.PreviewUrl, m.PreviewUrl);
        String(w, Names.AltText, m.AltText);
        Int(w, Names.Width, m.Width);
        Int(w, Names.Height, m.Height);
        w.WriteEndObject();
    }

    private static void WriteAnalysis(Utf8JsonWriter w, PostAnalysis a)
    {
        w.WriteStartObject();
        w.WriteBoolean(Names.Relevant, a.Relevant);
        Strings(w, Names.Categories, a.Categories);
        Strings(w, Names.Hazards, a.Hazards);
        if (SkippableList(w, Names.Matches, a.Matches))
        {
            w.WriteStartArray();
            foreach (var m in a.Matches)
            {
                if (m is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                String(w, Names.Term, m.Term);
                String(w, Names.Category, m.Category);
                w.WriteNumber(Names.Start, m.Start);
                w.WriteNumber(Names.Length, m.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        String(w, Names.ExcludedBy, a.ExcludedBy);
        if (a.Location is { } location) { w.WritePropertyName(Names.Location); WriteLocation(w, location); }
        if (a.Spatial is { } spatial) { w.WritePropertyName(Names.Spatial); WriteSpatial(w, spatial); }
        if (a.Reliability is { } grade) { w.WritePropertyName(Names.Reliability); WriteGrade(w, grade); }
        String(w, Names.DuplicateOf, a.DuplicateOf);
        String(w, Names.ClaimId, a.ClaimId);
        String(w, Names.ClaimStatus, a.ClaimStatus);
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, PostLocation l)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.Lat, l.Lat);
        w.WriteNumber(Names.Lon, l.Lon);
        String(w, Names.Level, l.Level);
        String(w, Names.LgCode, l.LgCode);
        String(w, Names.Pref, l.Pref);
        String(w, Names.City, l.City);
        String(w, Names.Town, l.Town);
        w.WriteNumber(Names.Confidence, l.Confidence);
        String(w, Names.Source, l.Source);
        if (SkippableList(w, Names.Evidence, l.Evidence))
        {
            w.WriteStartArray();
            foreach (var e in l.Evidence)
            {
                if (e is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                String(w, Names.Text, e.Text);
                w.WriteNumber(Names.Start, e.Start);
                w.WriteNumber(Names.Length, e.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (SkippableList(w, Names.Alternatives, l.Alternatives))
        {
            w.WriteStartArray();
            foreach (var alt in l.Alternatives)
            {
                if (alt is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                String(w, Names.Name_, alt.Name);
                String(w, Names.Level, alt.Level);
                String(w, Names.LgCode, alt.LgCode);
                w.WriteNumber(Names.Lat, alt.Lat);
                w.WriteNumber(Names.Lon, alt.Lon);
                w.WriteNumber(Names.Confidence, alt.Confidence);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteSpatial(Utf8JsonWriter w, SpatialJoinResult s)
    {
        w.WriteStartObject();
        // Constructor lists: kept when empty (they would read back as null).
        if (s.Zones is { } zones)
        {
            w.WriteStartArray(Names.Zones);
            foreach (var z in zones)
            {
                if (z is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                w.WriteNumber(Names.LayerId, z.LayerId);
                String(w, Names.LayerTitle, z.LayerTitle);
                String(w, Names.ZoneName, z.ZoneName);
                if (z.Attributes is { } attributes)
                {
                    w.WriteStartObject(Names.Attributes);
                    foreach (var (key, value) in attributes)
                    {
                        // Dictionary values are written even when null (the ignore condition is for properties).
                        if (value is null) w.WriteNull(key); else w.WriteString(key, value);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (s.NearestShelters is { } shelters)
        {
            w.WriteStartArray(Names.NearestShelters);
            foreach (var h in shelters)
            {
                if (h is null) { w.WriteNullValue(); continue; }
                w.WriteStartObject();
                w.WriteNumber(Names.LayerId, h.LayerId);
                String(w, Names.Name_, h.Name);
                String(w, Names.Address, h.Address);
                w.WriteNumber(Names.DistanceMetres, h.DistanceMetres);
                w.WriteNumber(Names.Lat, h.Lat);
                w.WriteNumber(Names.Lon, h.Lon);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        String(w, Names.Municipality, s.Municipality);
        w.WriteEndObject();
    }

    private static void WriteGrade(Utf8JsonWriter w, ReliabilityGrade g)
    {
        w.WriteStartObject();
        String(w, Names.Source, g.Source);
        w.WriteNumber(Names.Credibility, g.Credibility);
        w.WriteNumber(Names.Score, g.Score);
        if (g.Reasons is { } reasons)
        {
            w.WriteStartArray(Names.Reasons);
            foreach (var r in reasons)
                if (r is null) w.WriteNullValue(); else w.WriteStringValue(r);
            w.WriteEndArray();
        }
        // Computed, but public: the serializer writes it, so the stored form has it.
        w.WriteString(Names.Code, g.Code);
        w.WriteEndObject();
    }

    private static void String(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Int(Utf8JsonWriter w, JsonEncodedText name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    private static void Bool(Utf8JsonWriter w, JsonEncodedText name, bool? value)
    {
        if (value is { } v) w.WriteBoolean(name, v);
    }

    private static void Date(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v);
    }

    /// <summary>A non-nullable list: left out when empty; a null one (only after reading an explicit
    /// null) is written as null. Returns whether the caller writes the elements (name already written).</summary>
    private static bool SkippableList<T>(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<T>? list)
    {
        if (list is null) { w.WriteNull(name); return false; }
        if (list is System.Collections.ICollection { Count: 0 }) return false;
        w.WritePropertyName(name);
        return true;
    }

    private static void Strings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string>? list)
    {
        if (!SkippableList(w, name, list)) return;
        w.WriteStartArray();
        foreach (var s in list!)
            if (s is null) w.WriteNullValue(); else w.WriteStringValue(s);
        w.WriteEndArray();
    }
}
