using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>
/// Composes the committed demo scenarios deterministically (seeded <see cref="Random"/>, fixed
/// scripts): <c>sns replay compose kumamoto|kyushu --out file</c> regenerates identical bytes.
/// </summary>
public static class ScenarioComposer
{
    public static IReadOnlyList<string> Names { get; } = [KumamotoEarthquakeScript.Key, KyushuHeavyRainScript.Key];

    /// <summary>The file name the scenario is committed under (in <c>scenarios/</c>).</summary>
    public static string DefaultFileName(string name) => name switch
    {
        KumamotoEarthquakeScript.Key => "kumamoto-earthquake.jsonl",
        KyushuHeavyRainScript.Key => "kyushu-heavy-rain.jsonl",
        _ => throw new ArgumentException($"unknown scenario \"{name}\" (expected {string.Join(" or ", Names)})", nameof(name)),
    };

    /// <summary>The posts of a scenario in created_at order.</summary>
    public static IReadOnlyList<Post> Compose(string name) => name switch
    {
        KumamotoEarthquakeScript.Key => new KumamotoEarthquakeScript().Compose(),
        KyushuHeavyRainScript.Key => new KyushuHeavyRainScript().Compose(),
        _ => throw new ArgumentException($"unknown scenario \"{name}\" (expected {string.Join(" or ", Names)})", nameof(name)),
    };

    /// <summary>Writes a scenario as JSON lines ("\n" line ends, no BOM).</summary>
    public static int Write(string name, TextWriter writer)
    {
        var posts = Compose(name);
        foreach (var post in posts)
        {
            writer.Write(PostJson.Serialize(post));
            writer.Write('\n');
        }
        return posts.Count;
    }
}
