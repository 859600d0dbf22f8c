using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Tests.Storage;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Geo;

/// <summary>The same-author memory survives a restart: rebuilt from the real SQLite store.</summary>
public class AuthorContextRestoreTests
{
    private const string Located = "熊本市東区健軍本町で家が倒壊、閉じ込められています";
    private const string Unlocated = "2階に取り残されています、まだ救助が来ません";

    private static Post At(string text, TimeSpan after, string id, string author) =>
        Make(text, id, author) with { CreatedAt = Now + after };

    /// <summary>One pipeline lifetime: analyses the posts in order and stores them.</summary>
    private static async Task<List<PostAnalysis>> RunPipelineAsync(SqlitePostStore store, AuthorLocationContext authors, params Post[] posts)
    {
        var analyser = new PostAnalyser(new SnapshotHolder(new PipelineSnapshot(StarterGlossary, DemoGaz, Registry)),
            new SnsDashboard.Core.Claims.ClaimStatusBoard(), authors: authors);
        var results = new List<PostAnalysis>();
        foreach (var post in posts)
        {
            var analysis = analyser.Analyse(post, post.CreatedAt);
            await store.AppendAsync([new AnalysedPost(post, analysis, post.CreatedAt)]);
            results.Add(analysis);
        }
        return results;
    }

    [Fact]
    public async Task A_post_after_a_restart_inherits_the_place_of_its_authors_report_stored_before_it()
    {
        await using var dir = new TempStore();
        var first = await RunPipelineAsync(await dir.OpenAsync(), new AuthorLocationContext(), At(Located, TimeSpan.Zero, "p1", "u1"));
        Assert.Equal((LocationLevels.Town, "text"), (first[0].Location?.Level, first[0].Location?.Source));

        // Restarted without the restore: the memory is empty and the post stays unplaced.
        var forgetful = await RunPipelineAsync(await dir.OpenAsync(), new AuthorLocationContext(), At(Unlocated, TimeSpan.FromMinutes(40), "p2", "u1"));
        Assert.Null(forgetful[0].Location);

        // Restarted with the restore, on the same data folder.
        var store = await dir.OpenAsync();
        var authors = new AuthorLocationContext();
        Assert.Equal(1, await AuthorContextRestorer.RestoreAsync(authors, store, Now + TimeSpan.FromMinutes(41)));
        var after = await RunPipelineAsync(store, authors, At(Unlocated, TimeSpan.FromMinutes(42), "p3", "u1"));

        var location = after[0].Location!;
        Assert.Equal((LocationLevels.Town, AuthorLocationContext.Source), (location.Level, location.Source));
        Assert.Equal((first[0].Location!.LgCode, first[0].Location!.Town), (location.LgCode, location.Town));
        var evidence = Assert.Single(location.Evidence);
        Assert.Contains("p1", evidence.Text);
        Assert.Contains("42分前", evidence.Text);
    }

    [Fact]
    public async Task Only_relevant_town_level_reports_of_the_window_from_the_posts_own_content_are_restored()
    {
        await using var dir = new TempStore();
        var before = new AuthorLocationContext();
        var stored = await RunPipelineAsync(await dir.OpenAsync(), before,
            At(Located, -TimeSpan.FromHours(4), "stale", "a"),                     // older than the 3 h window
            At("熊本市で停電しています", -TimeSpan.FromHours(1), "coarse", "b"),      // municipality only
            At(Located, -TimeSpan.FromMinutes(190), "d1", "d"),                     // outside the window at restart …
            At(Unlocated, -TimeSpan.FromMinutes(150), "d2", "d"),                   // … inherited from it before: not a report of its own
            At("熊本市東区健軍本町のカフェでランチ", -TimeSpan.FromMinutes(30), "lunch", "e"),
            At(Located, -TimeSpan.FromHours(1), "fresh", "f"));
        Assert.Equal(AuthorLocationContext.Source, stored[3].Location?.Source);
        Assert.False(stored[4].Relevant);

        var authors = new AuthorLocationContext();
        Assert.Equal(1, await AuthorContextRestorer.RestoreAsync(authors, await dir.OpenAsync(), Now));

        Assert.Equal(1, authors.Count);
        foreach (var author in new[] { "a", "b", "d", "e" })
            Assert.Null(authors.Apply(At(Unlocated, TimeSpan.FromMinutes(1), "later-" + author, author), null, relevant: true));
        Assert.NotNull(authors.Apply(At(Unlocated, TimeSpan.FromMinutes(1), "later-f", "f"), null, relevant: true));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public async Task The_restored_memory_is_bounded_like_the_live_one_keeping_the_newest_reports(int pageSize)
    {
        await using var dir = new TempStore();
        var posts = Enumerable.Range(0, 5).Select(i => At(Located, TimeSpan.FromMinutes(i - 60), "p" + i, "a" + i)).ToArray();
        await RunPipelineAsync(await dir.OpenAsync(), new AuthorLocationContext(), posts);

        var authors = new AuthorLocationContext(capacity: 3);
        Assert.Equal(3, await AuthorContextRestorer.RestoreAsync(authors, await dir.OpenAsync(), Now, pageSize, default));

        Assert.Equal(3, authors.Count);
        bool Remembers(int i) => authors.Apply(At(Unlocated, TimeSpan.FromMinutes(1), "later" + i, "a" + i), null, relevant: true) is not null;
        Assert.Equal([false, false, true, true, true], Enumerable.Range(0, 5).Select(Remembers));
    }

    [Fact]
    public async Task A_window_of_zero_restores_nothing_and_inherits_nothing()
    {
        await using var dir = new TempStore();
        await RunPipelineAsync(await dir.OpenAsync(), new AuthorLocationContext(), At(Located, TimeSpan.Zero, "p1", "u1"));
        var off = new AuthorContextOptions { WindowHours = 0 }.CreateContext();
        Assert.Equal(0, await AuthorContextRestorer.RestoreAsync(off, await dir.OpenAsync(), Now + TimeSpan.FromMinutes(1)));
        var after = await RunPipelineAsync(await dir.OpenAsync(), off,
            At(Located, TimeSpan.FromMinutes(2), "p2", "u1"), At(Unlocated, TimeSpan.FromMinutes(3), "p3", "u1"));
        Assert.Null(after[1].Location);
        Assert.Equal(0, off.Count);
    }
}
