using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Benchmarks.Storage;

/// <summary>
/// Deterministic analysed posts: 30 days of traffic, 70 % located across Japan with 40 % of those in
/// Kyushu, 1–2 of 8 categories, 1–2 of 5 hazards, realistic Japanese text of 30–80 characters.
/// </summary>
public static class SyntheticPosts
{
    public static readonly DateTimeOffset Start = new(2024, 7, 1, 0, 0, 0, TimeSpan.FromHours(9));
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);
    public static readonly string[] Categories = ["rescue", "damage", "shelter", "traffic", "lifeline", "medical", "weather", "info"];
    public static readonly string[] Hazards = ["earthquake", "heavy-rain", "flood", "landslide", "typhoon"];
    private static readonly string[] Grades = ["A", "B", "C", "D", "E", "F"];
    private static readonly string[] Phrases =
    [
        "熊本市東区で救助要請、2階に取り残されています", "阿蘇で土砂崩れ、道路が通れません", "避難所の毛布が足りません",
        "球磨川が氾濫しそうです", "停電が続いています", "給水車はどこに来ますか", "国道3号線が冠水", "けが人がいます、救急車を",
        "雨が強くなってきた", "携帯の電波が弱い", "橋が崩落しているとの情報", "高齢者が自宅に残っています",
    ];

    /// <summary>Post number <paramref name="i"/> of <paramref name="total"/>; created_at grows with i.</summary>
    public static AnalysedPost Create(long i, long total, string idPrefix = "p")
    {
        var rng = new Random(unchecked((int)(i * 2654435761 % int.MaxValue)));
        var created = Start + TimeSpan.FromTicks((long)(Span.Ticks * ((double)i / Math.Max(1, total))));
        var located = rng.NextDouble() < 0.7;
        PostLocation? location = null;
        if (located)
        {
            var kyushu = rng.NextDouble() < 0.4;
            var lat = kyushu ? 31.0 + rng.NextDouble() * 3.0 : 30.0 + rng.NextDouble() * 15.0;
            var lon = kyushu ? 129.5 + rng.NextDouble() * 2.5 : 129.0 + rng.NextDouble() * 17.0;
            location = new PostLocation { Lat = lat, Lon = lon, Level = LocationLevels.Town, Source = "text", Confidence = 0.7 };
        }
        var c1 = Categories[rng.Next(Categories.Length)];
        var c2 = Categories[rng.Next(Categories.Length)];
        var h1 = Hazards[rng.Next(Hazards.Length)];
        var text = Phrases[rng.Next(Phrases.Length)] + "。" + Phrases[rng.Next(Phrases.Length)] + " #" + i;
        return new AnalysedPost(
            new Post
            {
                Source = (i % 3) switch { 0 => "x", 1 => "bluesky", _ => "mastodon" },
                SourcePostId = idPrefix + i,
                Text = text,
                CreatedAt = created,
                Author = new PostAuthor { Id = "u" + rng.Next(50_000), Handle = "user" + rng.Next(50_000) },
                Lang = "ja",
                Kind = PostKinds.Original,
            },
            new PostAnalysis
            {
                Relevant = rng.NextDouble() < 0.8,
                Categories = c1 == c2 ? [c1] : [c1, c2],
                Hazards = [h1],
                Location = location,
                Reliability = new ReliabilityGrade(Grades[rng.Next(Grades.Length)], 1 + rng.Next(6), rng.NextDouble(), []),
            },
            created.AddSeconds(2));
    }
}
