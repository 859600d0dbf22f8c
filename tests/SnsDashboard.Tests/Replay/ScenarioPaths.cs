using System.Text.Json.Nodes;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Tests.Replay;

/// <summary>Finds the committed scenarios and writes small scenario files for tests.</summary>
internal static class ScenarioPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string fileName) => Path.Combine(Root, "scenarios", fileName);

    /// <summary>The valid posts of a committed scenario, in time order (as the replay plays them).</summary>
    public static List<Post> ScenarioPosts(string fileName) =>
        File.ReadLines(Scenario(fileName))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => PostJson.Parse(l))
            .Where(r => r.Success).Select(r => r.Post!)
            .OrderBy(p => p.CreatedAt)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SnsDashboard.sln")) && Directory.Exists(Path.Combine(dir.FullName, "scenarios")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root with scenarios/ not found");
    }

    public static readonly DateTimeOffset T0 = new(2026, 4, 14, 21, 0, 0, TimeSpan.FromHours(9));

    public static Post MakePost(string id, TimeSpan at, string? repostOf = null, DateTimeOffset? accountCreated = null) => new()
    {
        Source = "x", SourcePostId = id, Text = $"益城町木山 テスト {id}", CreatedAt = T0 + at,
        Author = new PostAuthor { Id = "u-" + id, Handle = "h" + id, AccountCreatedAt = accountCreated },
        Kind = repostOf is null ? PostKinds.Original : PostKinds.Repost, RepostOfId = repostOf,
    };

    /// <summary>Writes posts (and raw lines given as strings) to a temp JSONL file.</summary>
    public static string WriteTemp(params object[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-test-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines.Select(l => l is Post p ? PostJson.Serialize(p) : (string)l));
        return path;
    }
}
