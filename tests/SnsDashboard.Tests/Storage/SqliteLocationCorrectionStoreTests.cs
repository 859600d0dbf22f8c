using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo.Corrections;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Tests.Storage;

public class SqliteLocationCorrectionStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 15, 1, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task Corrections_are_kept_with_who_and_when_the_latest_wins_and_statistics_count_the_errors()
    {
        await using var temp = new TempStore();
        await temp.OpenAsync(); // applies the migrations
        var store = new SqliteLocationCorrectionStore(temp.DatabasePath);
        var key = new PostKey("x", "1");
        Assert.Null(await store.GetAsync(key));

        await store.SaveAsync(new LocationCorrection(key, 32.79, 130.82, "municipality", "434434", "益城町", "municipality", "431028", "analyst-a", At));
        await store.SaveAsync(new LocationCorrection(key, 32.78, 130.82, "town", "434434", "益城町木山", "municipality", "431028", "analyst-b", At.AddMinutes(5)));
        await store.SaveAsync(new LocationCorrection(new PostKey("x", "2"), 38.26, 140.88, "municipality", "041017", "仙台市青葉区", null, null, "analyst-a", At));

        var latest = (await store.GetAsync(key))!;
        Assert.Equal(("town", "益城町木山", "analyst-b", At.AddMinutes(5)), (latest.Level, latest.Name, latest.CorrectedBy, latest.CorrectedAt));
        Assert.Equal("431028", latest.OriginalLgCode); // the automatic result is kept beside the correction

        var stats = await store.StatisticsAsync();
        Assert.Contains(new CorrectionStat("municipality", "other_municipality", 2), stats);
        Assert.Contains(new CorrectionStat("none", "was_unplaced", 1), stats);
    }

    [Fact]
    public async Task A_correction_becomes_the_stored_location_so_every_later_read_shows_it()
    {
        await using var temp = new TempStore();
        var posts = await temp.OpenAsync();
        await posts.AppendAsync([StoragePostBuilder.Post("7").From("x").At(32.80, 130.70, LocationLevels.Municipality).Categories("rescue_request")]);
        var store = new SqliteLocationCorrectionStore(temp.DatabasePath);

        await store.SaveAsync(new LocationCorrection(new PostKey("x", "7"), 32.7816, 130.8294, LocationLevels.Exact, "434434",
            "熊本県益城町宮園", LocationLevels.Municipality, "431001", "analyst-a", At));

        var read = Assert.Single(await posts.QueryAsync(new PostQuery { Bounds = new GeoBounds(32.78, 130.82, 32.79, 130.84) }));
        var loc = read.Analysis.Location!;
        Assert.Equal((32.7816, 130.8294, LocationLevels.Exact, "correction", "434434"), (loc.Lat, loc.Lon, loc.Level, loc.Source, loc.LgCode));
        Assert.Contains("analyst-a", Assert.Single(loc.Evidence).Text);
        Assert.Equal(["rescue_request"], read.Analysis.Categories); // the rest of the record is untouched
        Assert.Empty(await posts.QueryAsync(new PostQuery { Bounds = new GeoBounds(32.79, 130.69, 32.81, 130.71) }));
    }
}
