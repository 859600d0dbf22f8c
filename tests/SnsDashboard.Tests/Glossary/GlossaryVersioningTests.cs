using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Tests.Storage;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Glossary;

public class GlossaryVersioningTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private SqliteGlossaryStore _store = null!;
    private SnapshotHolder _holder = null!;
    private GlossaryPublisher _publisher = null!;

    public async Task InitializeAsync()
    {
        await _temp.OpenAsync(); // migrates the file
        _store = new SqliteGlossaryStore(_temp.Options());
        _holder = new SnapshotHolder(new PipelineSnapshot(GlossaryLoader.FromEntries("empty", []), DemoGaz, AccountRegistry.CreateDefault()));
        _publisher = new GlossaryPublisher(_store, _holder);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private bool LiveMatches(string text) =>
        GlossaryMatcher.Match(Make(text), TextNormaliser.Normalise(text), _holder.Current.Glossary).Relevant;

    private static GlossaryContent With(GlossaryContent g, params GlossaryTerm[] extra) => g with { Terms = [.. g.Terms, .. extra] };

    [Fact]
    public async Task Baseline_is_stored_once_and_reloaded_as_published_at_the_next_start()
    {
        var first = await _publisher.InitialiseAsync(GlossaryDir());
        Assert.Equal((1, GlossaryVersionKinds.Baseline, true), (first.Version, first.Kind, first.IsPublished));
        Assert.Equal("v1", _holder.Current.Glossary.Version);
        Assert.True(LiveMatches("停電してる"));

        var again = await new GlossaryPublisher(_store, _holder).InitialiseAsync(GlossaryDir());
        Assert.Equal(1, again.Version);
        Assert.Single(await _store.ListAsync());
    }

    [Fact]
    public async Task Publish_swaps_the_live_glossary_and_keeps_author_comment_and_history()
    {
        await _publisher.InitialiseAsync(GlossaryDir());
        var baseline = (await _store.GetPublishedAsync())!.Value.Content;
        Assert.False(LiveMatches("球磨川で鉄砲水"));

        var result = await _publisher.PublishAsync(With(baseline, new GlossaryTerm("鉄砲水", "flooding", ["heavy_rain_flood"], 2.5, [])),
            "analyst-1", "flash floods reported in Kuma", basedOn: 1);
        Assert.True(result.Published);
        Assert.True(LiveMatches("球磨川で鉄砲水"));
        Assert.Equal("v2", _holder.Current.Glossary.Version);

        var history = await _store.ListAsync();
        Assert.Equal([2, 1], history.Select(h => h.Version));
        Assert.Equal(("analyst-1", "flash floods reported in Kuma", GlossaryVersionKinds.Edit, 1, true),
            (history[0].Author, history[0].Comment, history[0].Kind, history[0].BasedOn, history[0].IsPublished));
        Assert.False(history[1].IsPublished);

        var diff = GlossaryDiff.Compare((await _store.GetAsync(1))!.Value.Content, (await _store.GetAsync(2))!.Value.Content);
        Assert.Equal("鉄砲水", Assert.Single(diff.AddedTerms).Term);
        Assert.Empty(diff.RemovedTerms);
        Assert.Empty(diff.ChangedTerms);
    }

    [Fact]
    public async Task Invalid_draft_is_refused_whole_and_the_live_pipeline_keeps_the_previous_version()
    {
        await _publisher.InitialiseAsync(GlossaryDir());
        var baseline = (await _store.GetPublishedAsync())!.Value.Content;
        var draft = With(baseline,
            new GlossaryTerm("鉄砲水", "flooding", [], 2.5, []),
            new GlossaryTerm("か", "flooding", [], 2.5, []),         // single kana
            new GlossaryTerm("停電", "lifeline_power", [], 2, []));   // duplicate concept
        var result = await _publisher.PublishAsync(draft, "analyst-1", "bad edit");
        Assert.False(result.Published);
        Assert.Contains(result.Issues, i => i.IsError && i.Term == "か" && i.Message.Contains("single kana"));
        Assert.Contains(result.Issues, i => i.IsError && i.Term == "停電" && i.Message.Contains("defined twice"));
        Assert.Equal("v1", _holder.Current.Glossary.Version);
        Assert.False(LiveMatches("鉄砲水")); // the valid part was not published either
        Assert.Single(await _store.ListAsync());
    }

    [Fact]
    public async Task Rollback_republishes_an_old_version_as_a_new_one()
    {
        await _publisher.InitialiseAsync(GlossaryDir());
        var baseline = (await _store.GetPublishedAsync())!.Value.Content;
        await _publisher.PublishAsync(baseline with { Terms = baseline.Terms.Where(t => t.Term != "停電").ToList() }, "a", "drop 停電");
        Assert.False(LiveMatches("停電してる"));

        var rolled = await _publisher.RollbackAsync(1, "b", "停電 is needed");
        Assert.Equal((3, GlossaryVersionKinds.Rollback, 1), (rolled.Version!.Version, rolled.Version.Kind, rolled.Version.BasedOn));
        Assert.True(LiveMatches("停電してる"));
        Assert.True(GlossaryDiff.Compare((await _store.GetAsync(1))!.Value.Content, (await _store.GetAsync(3))!.Value.Content).IsEmpty);
        Assert.False((await _publisher.RollbackAsync(99, "b", "x")).Published);
    }

    [Fact]
    public async Task Publish_needs_an_author_and_a_comment()
    {
        await _publisher.InitialiseAsync(GlossaryDir());
        var baseline = (await _store.GetPublishedAsync())!.Value.Content;
        Assert.False((await _publisher.PublishAsync(baseline, "", "why")).Published);
        Assert.False((await _publisher.PublishAsync(baseline, "a", " ")).Published);
    }

    [Fact]
    public void Diff_reports_changed_variants_and_exclusions()
    {
        var a = new GlossaryContent("a", [new GlossaryTerm("停電", "lifeline_power", [], 2, ["ていでん"])], [new GlossaryExclusion("訓練", "drill")], []);
        var b = new GlossaryContent("b", [new GlossaryTerm("停電", "lifeline_power", [], 2, ["ていでん", "停電中"])], [new GlossaryExclusion("防災訓練", "drill")], []);
        var d = GlossaryDiff.Compare(a, b);
        Assert.Equal(["ていでん", "停電中"], Assert.Single(d.ChangedTerms).After.Variants);
        Assert.Equal("防災訓練", Assert.Single(d.AddedExclusions).Term);
        Assert.Equal("訓練", Assert.Single(d.RemovedExclusions).Term);
    }

    [Fact]
    public async Task A_version_published_by_another_process_goes_live_when_the_host_follows_the_store()
    {
        await _publisher.InitialiseAsync(GlossaryDir());
        var baseline = (await _store.GetPublishedAsync())!.Value.Content;
        Assert.Null(await _publisher.FollowStoreAsync()); // nothing new

        // What `sns glossary publish` does: a publisher on the same store with no live pipeline.
        var cli = new GlossaryPublisher(_store, snapshots: null);
        var result = await cli.PublishAsync(With(baseline, new GlossaryTerm("鉄砲水", "flooding", ["heavy_rain_flood"], 2.5, [])), "analyst-cli", "from the command line");
        Assert.True(result.Published);
        Assert.False(LiveMatches("球磨川で鉄砲水"));

        var followed = await _publisher.FollowStoreAsync();
        Assert.Equal(2, followed?.Version);
        Assert.Equal(("v2", 2), (_holder.Current.Glossary.Version, _publisher.LiveVersion));
        Assert.True(LiveMatches("球磨川で鉄砲水"));
        Assert.Null(await _publisher.FollowStoreAsync());
    }

    [Fact]
    public async Task An_invalid_version_published_behind_the_hosts_back_is_refused_once_and_the_live_one_stays()
    {
        await _publisher.InitialiseAsync(GlossaryDir());
        var baseline = (await _store.GetPublishedAsync())!.Value.Content;
        await _store.AddPublishedAsync(With(baseline, new GlossaryTerm("謎の語", "no_such_category", [], 1, [])), "someone", "bypassed validation",
            GlossaryVersionKinds.Edit, 1);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => _publisher.FollowStoreAsync());
        Assert.Contains("v2", refused.Message);
        Assert.Contains("no_such_category", refused.Message);
        Assert.Equal(("v1", 1), (_holder.Current.Glossary.Version, _publisher.LiveVersion));
        Assert.True(LiveMatches("停電してる"));
        Assert.Null(await _publisher.FollowStoreAsync()); // reported once, not on every poll
    }
}

public class GlossaryPreviewTests
{
    private static AnalysedPost Stored(string id, string text) => new(Make(text, id: id), SnsDashboard.Core.Analysis.PostAnalysis.Empty, Now);

    [Fact]
    public void Preview_lists_exactly_the_posts_a_draft_adds_and_removes_with_category_counts()
    {
        var published = StarterGlossary;
        var content = GlossaryContent.Of(published);
        var draft = GlossaryLoader.Build(content with
        {
            Terms = [.. content.Terms.Where(t => t.Term != "停電"), new GlossaryTerm("鉄砲水", "flooding", ["heavy_rain_flood"], 2.5, [])],
        });
        var posts = new[]
        {
            Stored("a", "球磨川で鉄砲水が出た"),   // added
            Stored("b", "停電している"),            // removed
            Stored("c", "床上浸水しました"),        // unchanged, relevant
            Stored("d", "今日のランチはカレー"),    // unchanged, irrelevant
        };
        var r = GlossaryPreview.Compare(posts, published, draft);
        Assert.Equal((4, 2, 2), (r.PostsScanned, r.RelevantPublished, r.RelevantDraft));
        Assert.Equal("a", Assert.Single(r.Added).Post.Post.SourcePostId);
        Assert.Equal(["flooding"], r.Added[0].Categories);
        Assert.Equal("b", Assert.Single(r.Removed).Post.Post.SourcePostId);
        Assert.Contains(new CategoryCount("flooding", 1, 2), r.Categories);
        Assert.Contains(new CategoryCount("lifeline_power", 1, 0), r.Categories);
        Assert.Contains(new TermHits("鉄砲水", "flooding", 1), r.DraftTermHits);
    }
}
