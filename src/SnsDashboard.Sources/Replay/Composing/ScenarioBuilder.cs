using System.Text;
using System.Text.RegularExpressions;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// Collects the posts of one composed scenario: assigns platform-shaped ids and urls, extracts
/// hashtags, attaches media/geotags, and fills text templates. All randomness comes from the one
/// seeded <see cref="Random"/>, so the same calls produce the same posts.
/// </summary>
internal sealed partial class ScenarioBuilder
{
    private readonly List<Post> _posts = [];
    private readonly string _key;
    private readonly long _xIdBase;
    private long _seq;

    public ScenarioBuilder(Random rng, string key, long xIdBase, DateTimeOffset start, DateTimeOffset end)
    {
        Rng = rng;
        _key = key;
        _xIdBase = xIdBase;
        Start = start;
        End = end;
    }

    public Random Rng { get; }
    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }
    public IReadOnlyList<Post> Posts => _posts;

    public bool InRange(DateTimeOffset at) => at >= Start && at < End;

    /// <summary>A random second within [from, from + minutes).</summary>
    public DateTimeOffset Around(DateTimeOffset from, double minutes) =>
        from.AddSeconds(Math.Floor(Rng.NextDouble() * minutes * 60));

    public Post? Add(DateTimeOffset at, ComposerAuthor author, string text, Place? place = null,
        bool image = false, double geoChance = 0.0, string lang = "ja")
    {
        if (!InRange(at)) return null;
        var (id, url) = NextId(author);
        var media = image
            ? new[] { new PostMedia { Type = "image", Url = $"https://media.example.jp/{_key}/{id.Replace('/', '_').Replace(':', '_')}.jpg", Width = 1200, Height = 900 } }
            : [];
        PostGeo? geo = null;
        if (author.Source == "x" && place is not null && Rng.NextDouble() < geoChance)
            geo = new PostGeo
            {
                Lat = Math.Round(place.Lat + (Rng.NextDouble() - 0.5) * 0.006, 5),
                Lon = Math.Round(place.Lon + (Rng.NextDouble() - 0.5) * 0.006, 5),
                AccuracyM = 10 + Rng.Next(40),
                Kind = "exact",
            };
        var post = new Post
        {
            Source = author.Source, SourcePostId = id, Text = text, CreatedAt = at, Author = author.Profile,
            Url = url, Lang = lang, Kind = PostKinds.Original, Geo = geo, Media = media, Hashtags = Hashtags(text),
        };
        _posts.Add(post);
        return post;
    }

    /// <summary>A repost ("RT @handle: …") of <paramref name="target"/> by <paramref name="author"/>.</summary>
    public Post? Repost(DateTimeOffset at, ComposerAuthor author, Post target)
    {
        if (!InRange(at) || at <= target.CreatedAt) return null;
        var (id, url) = NextId(author);
        var handle = target.Author.Handle ?? target.Author.Id;
        var post = new Post
        {
            Source = author.Source, SourcePostId = id, Text = $"RT @{handle}: {target.Text}", CreatedAt = at,
            Author = author.Profile, Url = url, Lang = target.Lang, Kind = PostKinds.Repost, RepostOfId = target.SourcePostId,
            Media = target.Media, Hashtags = target.Hashtags, Mentions = [handle],
        };
        _posts.Add(post);
        return post;
    }

    /// <summary>The posts in created_at order (stable for equal times).</summary>
    public List<Post> Sorted() => _posts.Select((p, i) => (p, i)).OrderBy(t => t.p.CreatedAt).ThenBy(t => t.i).Select(t => t.p).ToList();

    public T Pick<T>(IReadOnlyList<T> items) => items[Rng.Next(items.Count)];

    public bool Chance(double p) => Rng.NextDouble() < p;

    /// <summary>Fills {slots} in a template. Unknown slots are left as they are (a bug shows).</summary>
    public string Fill(string template, Place? place, DateTimeOffset at)
    {
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0) { sb.Append(template, i, template.Length - i); break; }
            var close = template.IndexOf('}', open);
            if (close < 0) { sb.Append(template, i, template.Length - i); break; }
            sb.Append(template, i, open - i);
            var slot = template.Substring(open + 1, close - open - 1);
            sb.Append(Slot(slot, place, at) ?? "{" + slot + "}");
            i = close + 1;
        }
        return sb.ToString();
    }

    private string? Slot(string slot, Place? place, DateTimeOffset at) => slot switch
    {
        "addr" => place is null ? null : Address(place),
        "place" => place?.Name,
        "city" => place?.City,
        "town" => place?.TownOrCity,
        "pref" => place?.Pref,
        "school" => place is null ? null : Pick(PhraseBank.ShelterKinds).Replace("{t}", place.TownOrCity).Replace("{c}", place.City),
        "n" => Rng.Next(2, 6).ToString(),
        "age" => Rng.Next(68, 96).ToString(),
        "kid" => Rng.Next(1, 10).ToString(),
        "floor" => Rng.Next(1, 4).ToString(),
        "rel" => Pick(PhraseBank.Relatives),
        "hhmm" => $"{at.Hour}時{at.Minute}分",
        "num" => (Rng.Next(3, 300) * 10).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        "min" => Rng.Next(5, 60).ToString(),
        "years" => Rng.Next(2, 30).ToString(),
        "food" => Pick(PhraseBank.Foods),
        "game" => Pick(PhraseBank.Games),
        "show" => Pick(PhraseBank.Shows),
        "pet" => Pick(PhraseBank.Pets),
        "thing" => Pick(PhraseBank.Things),
        "person" => Pick(PhraseBank.Celebrities),
        "emoji" => Pick(PhraseBank.Emoji),
        "lm" => Pick(PlaceCatalog.Landmarks).Town,
        _ => null,
    };

    private string Address(Place place)
    {
        if (place.Town is null) return place.City;
        return Rng.Next(4) switch
        {
            0 => $"{place.Name}{Rng.Next(1, 6)}丁目{Rng.Next(1, 30)}-{Rng.Next(1, 20)}",
            1 => $"{place.Name}{Rng.Next(1, 3000)}",
            2 => $"{place.Name}{Rng.Next(1, 6)}丁目",
            _ => $"{place.Name}{Rng.Next(100, 2500)}-{Rng.Next(1, 9)}",
        };
    }

    private (string Id, string Url) NextId(ComposerAuthor author)
    {
        var seq = ++_seq;
        switch (author.Source)
        {
            case "x":
            {
                var id = (_xIdBase + seq * 4099 + Rng.Next(4096)).ToString();
                return (id, $"https://x.com/{author.Handle}/status/{id}");
            }
            case "bluesky":
            {
                var rkey = "3k" + ToBase32(_xIdBase / 1000 + seq * 7919, 11);
                return ($"{author.Profile.Id}/{rkey}", $"https://bsky.app/profile/{author.Handle}/post/{rkey}");
            }
            case AuthorPool.Mastodon:
            {
                var id = (_xIdBase / 100_000 + seq * 131).ToString();
                return (id, $"https://mstdn.example.jp/@{author.Handle}/{id}");
            }
            default:
            {
                var id = _key[..2] + ToBase32(seq * 977 + 100_000, 8);
                return ($"misskey.example.jp/{id}", $"https://misskey.example.jp/notes/{id}");
            }
        }
    }

    private static string ToBase32(long value, int width)
    {
        const string alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--) { chars[i] = alphabet[(int)(value & 31)]; value >>= 5; }
        return new string(chars);
    }

    [GeneratedRegex(@"[#＃]([^\s#＃、。，．,.!！?？「」()（）【】:：/]+)")]
    private static partial Regex HashtagPattern();

    public static IReadOnlyList<string> Hashtags(string text)
    {
        var tags = new List<string>();
        foreach (Match m in HashtagPattern().Matches(text))
        {
            var tag = m.Groups[1].Value.Normalize(NormalizationForm.FormKC);
            if (!tags.Contains(tag)) tags.Add(tag);
        }
        return tags;
    }
}

internal static class ScenarioBuilderExtensions
{
    /// <summary>A resident other than <paramref name="except"/>.</summary>
    public static ComposerAuthor RandomResidentNot(this ScenarioBuilder b, AuthorPool pool, ComposerAuthor except) =>
        pool.OtherResident(b.Rng, except);
}
