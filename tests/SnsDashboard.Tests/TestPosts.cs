using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Tests;

/// <summary>Small builders shared by the stage tests.</summary>
internal static class TestPosts
{
    public static readonly DateTimeOffset Now = new(2016, 4, 16, 2, 0, 0, TimeSpan.FromHours(9));

    public static Post Make(string text, string id = "p1", string author = "u-long", string source = "x") => new()
    {
        Source = source,
        SourcePostId = id,
        Text = text,
        CreatedAt = Now,
        Author = new PostAuthor { Id = author, AccountCreatedAt = Now.AddYears(-5), FollowersCount = 300 },
    };

    private static readonly Lazy<GlossarySnapshot> Glossary = new(() => GlossaryLoader.LoadDirectory(GlossaryDir()));
    private static readonly Lazy<Gazetteer> Gaz = new(DemoGazetteer.Create);

    public static GlossarySnapshot StarterGlossary => Glossary.Value;
    public static Gazetteer DemoGaz => Gaz.Value;
    public static AccountRegistry Registry { get; } = AccountRegistry.CreateDefault();

    public static string GlossaryDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "keyword-glossary"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("keyword-glossary"), "keyword-glossary");
    }
}
