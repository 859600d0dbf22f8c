using Microsoft.Extensions.DependencyInjection;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>A glossary version published from the command line on the dashboard's data folder goes
/// live in the running dashboard without a restart.</summary>
public class GlossaryFollowStoreTests
{
    private sealed class FastFollowFactory : DashboardFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Glossary:FollowStoreSeconds"] = "0.2" };
    }

    [Fact]
    public async Task A_version_published_by_the_cli_goes_live_in_the_running_host()
    {
        using var factory = new FastFollowFactory();
        _ = factory.CreateClient();
        var live = factory.Services.GetRequiredService<SnapshotHolder>();
        Assert.Equal("v1", live.Current.Glossary.Version);

        // What `sns glossary publish` does: its own store on the same file, no live pipeline.
        var cliStore = new SqliteGlossaryStore(new SqliteStoreOptions { DataDir = factory.DataDir });
        var baseline = (await cliStore.GetPublishedAsync())!.Value.Content;
        var published = await new GlossaryPublisher(cliStore, snapshots: null).PublishAsync(
            baseline with { Terms = [.. baseline.Terms, new GlossaryTerm("鉄砲水", "flooding", ["heavy_rain_flood"], 2.5, [])] },
            "analyst-cli", "flash floods in Kuma");
        Assert.True(published.Published);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (live.Current.Glossary.Version != "v2" && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal("v2", live.Current.Glossary.Version);
    }
}
