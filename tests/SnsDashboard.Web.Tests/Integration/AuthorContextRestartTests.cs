using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>The same-author memory across two lifetimes of the dashboard on one data folder.</summary>
public class AuthorContextRestartTests
{
    private static readonly PostAuthor Resident = new() { Id = "resident-restart", Handle = "resident_restart", DisplayName = "住民" };

    private static Task<RunningDashboard> StartAsync(string dataDir) => RunningDashboard.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:DataDir"] = dataDir,
        ["Sources:Replay:Enabled"] = "false",
    });

    /// <summary>Offers the post to the running pipeline and returns it as stored.</summary>
    private static async Task<AnalysedPost> IngestAsync(RunningDashboard app, Post post)
    {
        await app.Services.GetRequiredService<IIngestSink>().OfferAsync(post, OfferMode.Wait, default);
        var store = app.Services.GetRequiredService<IPostStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var stored = (await store.QueryAsync(new PostQuery { From = post.CreatedAt.AddSeconds(-1), Limit = 100 }))
                .FirstOrDefault(p => p.Post.SourcePostId == post.SourcePostId);
            if (stored is not null) return stored;
            await Task.Delay(100);
        }
        throw new TimeoutException($"post {post.SourcePostId} was not stored");
    }

    [Fact]
    public async Task A_post_after_a_restart_inherits_the_place_of_its_authors_report_stored_before_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("sns-author-restart-").FullName;
        try
        {
            var reportId = "report-" + Guid.NewGuid().ToString("N")[..8];
            await using (var before = await StartAsync(dataDir))
            {
                var report = await IngestAsync(before, TestPosts.Make(reportId, "熊本市東区健軍本町で家が倒壊、閉じ込められています",
                    DateTimeOffset.UtcNow.AddMinutes(-20)) with { Author = Resident });
                Assert.Equal((LocationLevels.Town, "text"), (report.Analysis.Location?.Level, report.Analysis.Location?.Source));
            }

            await using var after = await StartAsync(dataDir);
            Assert.Equal(1, after.Services.GetRequiredService<AuthorLocationContext>().Count);
            var later = await IngestAsync(after, TestPosts.Make("later-" + reportId, "2階に取り残されています、まだ救助が来ません",
                DateTimeOffset.UtcNow) with { Author = Resident });

            var location = later.Analysis.Location;
            Assert.NotNull(location);
            Assert.Equal((LocationLevels.Town, AuthorLocationContext.Source), (location.Level, location.Source));
            Assert.Contains("健軍本町", location.Town);
            Assert.Contains(reportId, Assert.Single(location.Evidence).Text);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("WindowHours", "48", "Geolocation:AuthorContext:WindowHours must be between 0 and 24 hours")]
    [InlineData("MaxAuthors", "0", "Geolocation:AuthorContext:MaxAuthors must be between 1 and 1000000")]
    public async Task An_out_of_range_setting_stops_the_start_with_an_error_naming_the_key(string key, string value, string message)
    {
        var dataDir = Directory.CreateTempSubdirectory("sns-author-config-").FullName;
        var settings = new Dictionary<string, string?>(TestAccounts.Settings())
        {
            ["Storage:DataDir"] = dataDir,
            ["Urls"] = "http://127.0.0.1:0",
            ["Sources:Replay:Enabled"] = "false",
            ["Geolocation:AuthorContext:" + key] = value,
        };
        await using var app = DashboardApp.Build(["--environment=Development"], settings);
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(message, e.Message);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}
