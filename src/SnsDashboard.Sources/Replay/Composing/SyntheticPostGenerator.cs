using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// An endless-looking, deterministic stream of realistic posts for load tests: the scenario
/// templates (earthquake and flood, everyday majority, copies, reposts) at a fixed rate.
/// Streams lazily: memory does not grow with the number of posts.
/// </summary>
public static class SyntheticPostGenerator
{
    private const int AuthorCount = 3_000;
    private const int RecentWindow = 256;

    /// <summary>
    /// <paramref name="ratePerSecond"/> × 60 × <paramref name="minutes"/> posts, created_at spaced
    /// evenly from <paramref name="start"/>, source_post_id <c>syn-{seed}-{n}</c> (unique per seed).
    /// </summary>
    public static IEnumerable<Post> Generate(int ratePerSecond, int minutes, DateTimeOffset start, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        return GenerateCore(ratePerSecond, minutes, start, seed);
    }

    private static IEnumerable<Post> GenerateCore(int ratePerSecond, int minutes, DateTimeOffset start, int seed)
    {
        var rng = new Random(seed);
        var b = new ScenarioBuilder(rng, "syn", 0, start, DateTimeOffset.MaxValue);
        var authors = new AuthorPool(rng, "8" + (seed & 0xFFFF).ToString("x4"), AuthorCount, PlaceCatalog.QuakeArea, start);
        var places = PlaceCatalog.QuakeArea.Concat(PlaceCatalog.FloodSouth).Concat(PlaceCatalog.RainNorth).ToArray();
        string[][] disaster =
        [
            PhraseBank.QuakeRescue, PhraseBank.QuakeDamage, PhraseBank.QuakeFire, PhraseBank.QuakeFeel, PhraseBank.QuakeRoad,
            PhraseBank.RainRescue, PhraseBank.RainFlood, PhraseBank.RainLandslide, PhraseBank.RainFeel, PhraseBank.RainRoad,
            PhraseBank.Power, PhraseBank.Water, PhraseBank.ShelterResident, PhraseBank.Supplies, PhraseBank.Medical, PhraseBank.Safety,
        ];
        var recent = new Post[RecentWindow];
        var total = (long)ratePerSecond * 60 * minutes;
        var prefix = $"syn-{seed}-";

        for (long i = 0; i < total; i++)
        {
            var at = start.AddTicks(i * TimeSpan.TicksPerSecond / ratePerSecond);
            var author = authors.Residents[rng.Next(authors.Residents.Count)];
            var id = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var roll = rng.NextDouble();
            Post post;
            var target = recent[rng.Next(RecentWindow)];
            if (roll < 0.05 && target is not null)
            {
                var handle = target.Author.Handle ?? target.Author.Id;
                post = new Post
                {
                    Source = author.Source, SourcePostId = id, Text = $"RT @{handle}: {target.Text}", CreatedAt = at, Author = author.Profile,
                    Lang = target.Lang, Kind = PostKinds.Repost, RepostOfId = target.Source == author.Source ? target.SourcePostId : null,
                    Hashtags = target.Hashtags, Mentions = [handle],
                };
                if (post.RepostOfId is null) post = post with { Kind = PostKinds.Original, Text = target.Text };   // a cross-platform copy
            }
            else
            {
                string text;
                Place? place = null;
                var lang = "ja";
                if (roll < 0.08 && target is not null && target.Kind == PostKinds.Original && target.Text.Contains("#救助"))
                    text = "【拡散希望】" + target.Text;                                   // copy-paste of a rescue request
                else if (roll < 0.60) text = b.Fill(b.Pick(roll < 0.50 ? PhraseBank.Everyday : PhraseBank.FalseFriends), null, at);
                else if (roll < 0.6005) text = b.Pick(PhraseBank.Hostile);
                else if (roll < 0.62)
                {
                    place = b.Pick(places);
                    text = b.Fill(b.Pick(roll < 0.61 ? PhraseBank.QuakeEnglish : PhraseBank.RainEnglish), place, at);
                    lang = "en";
                }
                else
                {
                    place = b.Pick(places);
                    text = b.Fill(b.Pick(disaster[rng.Next(disaster.Length)]), place, at);
                }
                PostGeo? geo = place is not null && author.Source == "x" && rng.NextDouble() < 0.05
                    ? new PostGeo { Lat = Math.Round(place.Lat + (rng.NextDouble() - 0.5) * 0.006, 5), Lon = Math.Round(place.Lon + (rng.NextDouble() - 0.5) * 0.006, 5), AccuracyM = 20, Kind = "exact" }
                    : null;
                post = new Post
                {
                    Source = author.Source, SourcePostId = id, Text = text, CreatedAt = at, Author = author.Profile,
                    Lang = lang, Kind = PostKinds.Original, Geo = geo, Hashtags = ScenarioBuilder.Hashtags(text),
                    Media = rng.NextDouble() < 0.05 ? [new PostMedia { Type = "image", Url = $"https://media.example.jp/syn/{id}.jpg" }] : [],
                };
            }
            recent[(int)(i % RecentWindow)] = post;
            yield return post;
        }
    }
}
