using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Core.Geo;

/// <summary>
/// Same-author context: a report whose text does not say where it is ("まだ救助が来ない") is placed,
/// with low confidence, where the same author's recent located report was ("益城町宮園3丁目、屋根の上").
/// Only a report located from its own content (geotag, place tag or text) at town level or finer
/// counts, and only for a window (<see cref="AuthorContextOptions.WindowHours"/>, 3 h by default):
/// people move, and an old position sends a team to where the author no longer is. The inherited place is never finer than the town (a geotag of
/// an hour ago is not an exact position now), and the evidence says whose post it came from.
/// </summary>
/// <remarks>
/// Bounded memory: one entry per author, at most <c>capacity</c> authors (least recently seen
/// dropped first). One instance serves one ordered stream, like the rest of the analyser's state
/// (not thread-safe). A post older than the remembered report (out of order) does not inherit it.
/// </remarks>
public sealed class AuthorLocationContext(int capacity = AuthorLocationContext.DefaultCapacity, TimeSpan? maxAge = null)
{
    public const int DefaultCapacity = 100_000;
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(3);
    /// <summary>Source of an inherited location in <see cref="PostLocation.Source"/>.</summary>
    public const string Source = "author";
    /// <summary>Confidence of an inherited location is the earlier one's times this, so it always ranks below text.</summary>
    private const double ConfidenceFactor = 0.4;

    private readonly TimeSpan _maxAge = maxAge ?? DefaultMaxAge;
    private bool Enabled => _maxAge > TimeSpan.Zero;
    private readonly Dictionary<(string Source, string Author), LinkedListNode<Remembered>> _byAuthor = [];
    private readonly LinkedList<Remembered> _recency = new();

    // A value in its list node: a known author's newer report reuses the node instead of allocating
    // a node and a record per located report (they lived for hours and were promoted twice).
    private readonly record struct Remembered((string Source, string Author) Key, PostLocation Location, DateTimeOffset At, string PostId);

    public int Count => _byAuthor.Count;
    /// <summary>Most authors remembered.</summary>
    public int Capacity => capacity;
    /// <summary>How long a located report places the author's later ones (zero: never).</summary>
    public TimeSpan Window => _maxAge;

    /// <summary>
    /// The location to keep for <paramref name="post"/>: its own when it has one from its content;
    /// otherwise (none, or only the profile's) the author's recent located report, if any. A relevant
    /// post located at town level or finer is remembered for the author's next posts.
    /// </summary>
    public PostLocation? Apply(Post post, PostLocation? location, bool relevant)
    {
        if (!relevant || !Enabled || post.Author.Id is not { Length: > 0 } authorId) return location;
        var key = (post.Source, authorId);
        if (IsOwnLocation(location))
        {
            if (IsFineEnough(location.Level)) Remember(key, location, post);
            return location;
        }
        if (!_byAuthor.TryGetValue(key, out var node)) return location;
        var earlier = node.Value;
        var age = post.CreatedAt - earlier.At;
        if (age < TimeSpan.Zero || age > _maxAge) return location;
        return Inherit(earlier, age);
    }

    /// <summary>
    /// Remembers a relevant post analysed earlier (e.g. read back from the store at start-up, oldest
    /// first) as <see cref="Apply"/> would have: only a location from the post's own content at town
    /// level or finer counts. Returns whether it was remembered.
    /// </summary>
    public bool Remember(Post post, PostLocation? location)
    {
        if (!Enabled || post.Author.Id is not { Length: > 0 } authorId || !IsOwnLocation(location) || !IsFineEnough(location.Level)) return false;
        Remember((post.Source, authorId), location, post);
        return true;
    }

    /// <summary>From the post's own content (geotag, place tag, text, or an analyst's correction of
    /// it), not from the author's profile or an earlier post.</summary>
    private static bool IsOwnLocation([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] PostLocation? location) =>
        location is not null && location.Source != "profile" && location.Source != Source;

    /// <summary>Levels a report must have to be remembered.</summary>
    public static IReadOnlyList<string> RememberedLevels { get; } = [LocationLevels.Exact, LocationLevels.Landmark, LocationLevels.Town];

    private static bool IsFineEnough(string level) => level is LocationLevels.Exact or LocationLevels.Landmark or LocationLevels.Town;

    private void Remember((string, string) key, PostLocation location, Post post)
    {
        var remembered = new Remembered(key, location, post.CreatedAt, post.SourcePostId);
        if (_byAuthor.TryGetValue(key, out var node))
        {
            if (node.Value.At > post.CreatedAt) return; // an older post arriving late does not replace a newer report
            _recency.Remove(node);
            node.Value = remembered;
            _recency.AddFirst(node);
            return;
        }
        _byAuthor[key] = _recency.AddFirst(remembered);
        while (_byAuthor.Count > capacity && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _byAuthor.Remove(oldest.Value.Key);
        }
    }

    private static PostLocation Inherit(Remembered earlier, TimeSpan age)
    {
        var loc = earlier.Location;
        string where = string.Concat(loc.Pref, loc.City, loc.Town);
        string said = loc.Evidence.Count > 0 ? string.Join("", loc.Evidence.Select(e => e.Text)) : where;
        // Not a span of this post's text (Start -1): it quotes the earlier post's evidence.
        var evidence = new EvidenceSpan($"同じ投稿者の{(int)Math.Round(age.TotalMinutes)}分前の投稿 {earlier.PostId}:「{said}」", -1, 0);
        return loc with
        {
            Level = IsFineEnough(loc.Level) ? LocationLevels.Town : loc.Level,
            Source = Source,
            Confidence = Math.Round(Math.Min(loc.Confidence, 0.9) * ConfidenceFactor, 2),
            Evidence = [evidence],
            Alternatives = [],
        };
    }
}
