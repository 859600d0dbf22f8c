using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Corrections;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Web.Components.Shared;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Components;

public class LocationCorrectionsTests
{
    private sealed class MemoryStore : ILocationCorrectionStore
    {
        public List<LocationCorrection> Saved { get; } = [];
        public Task SaveAsync(LocationCorrection c, CancellationToken ct = default) { Saved.Add(c); return Task.CompletedTask; }
        public Task<LocationCorrection?> GetAsync(PostKey post, CancellationToken ct = default) => Task.FromResult(Saved.LastOrDefault(c => c.Post == post));
        public Task<IReadOnlyList<CorrectionStat>> StatisticsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<CorrectionStat>>([]);
    }

    private static readonly DateTimeOffset Now = new(2026, 4, 15, 1, 0, 0, TimeSpan.Zero);

    private static (LocationCorrections, MemoryStore) Make()
    {
        var store = new MemoryStore();
        var snapshot = new PipelineSnapshot(GlossaryLoader.LoadDirectory(Path.Combine(SnsDashboard.Core.Configuration.ConfigPaths.Root, "keyword-glossary")), DemoGazetteer.Create(), AccountRegistry.CreateDefault());
        return (new LocationCorrections(store, new SnapshotHolder(snapshot), new FixedClock(Now)), store);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider { public override DateTimeOffset GetUtcNow() => now; }

    private static AnalysedPost Placed() => TestPosts.Analysed(TestPosts.Make("p1", "熊本県の木山で停電"), new PostAnalysis
    {
        Location = new PostLocation
        {
            Lat = 32.79, Lon = 130.74, Level = LocationLevels.Prefecture, LgCode = "430005", Source = "text",
            Alternatives = [new LocationAlternative("益城町木山", LocationLevels.Town, "434434", 32.78, 130.82, 0.3)],
        },
    });

    [Fact]
    public async Task Picking_a_candidate_stores_it_with_the_analyst_and_keeps_the_automatic_result()
    {
        var (corrections, store) = Make();
        var post = Placed();
        var c = await corrections.PickAsync(post, post.Analysis.Location!.Alternatives[0], "analyst1");
        Assert.Equal(("益城町木山", "town", "434434", "analyst1", Now), (c.Name, c.Level, c.LgCode, c.CorrectedBy, c.CorrectedAt));
        Assert.Equal(("prefecture", "430005"), (c.OriginalLevel, c.OriginalLgCode));
        Assert.Equal("refined", c.Kind);
        Assert.Same(c, await corrections.GetAsync(post));
        Assert.Equal(LocationLevels.Prefecture, post.Analysis.Location.Level); // the analysis itself is untouched
    }

    [Fact]
    public async Task A_point_is_named_from_the_gazetteer_and_a_point_outside_Japan_is_refused()
    {
        var (corrections, store) = Make();
        var post = Placed();
        var c = (await corrections.SetPointAsync(post, 32.786, 130.768, "analyst1"))!;
        Assert.Equal(("exact", "431028"), (c.Level, c.LgCode));
        Assert.StartsWith("熊本県熊本市東区", c.Name);
        Assert.Null(await corrections.SetPointAsync(post, 130.768, 32.786, "analyst1")); // swapped
        Assert.Single(store.Saved);
    }
}
