using SnsDashboard.Core.Ingest;
using SnsDashboard.Sources.Replay;

namespace SnsDashboard.Tests.Replay;

public class ReplaySourceTests
{
    private static readonly DateTimeOffset WallStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Plays_merged_files_in_created_at_order_paced_by_speed()
    {
        var a = ScenarioPaths.WriteTemp(
            ScenarioPaths.MakePost("a1", TimeSpan.Zero), ScenarioPaths.MakePost("a2", TimeSpan.FromSeconds(60)), ScenarioPaths.MakePost("a3", TimeSpan.FromSeconds(120)));
        var b = ScenarioPaths.WriteTemp(
            ScenarioPaths.MakePost("b1", TimeSpan.FromSeconds(30)), ScenarioPaths.MakePost("b2", TimeSpan.FromSeconds(90)));
        var time = new ManualTimeProvider(WallStart);
        var sink = new RecordingSink(time);
        var source = new ReplaySource(new ReplayOptions { Scenarios = [a, b], Speed = 60 }, timeProvider: time);

        var run = source.RunAsync(sink, CancellationToken.None);
        await time.DriveAsync(run);
        await run;

        Assert.Equal(["a1", "b1", "a2", "b2", "a3"], sink.Offered.Select(o => o.Post.SourcePostId));
        Assert.Equal([0, 500, 1000, 1500, 2000], sink.Offered.Select(o => (o.At - WallStart).TotalMilliseconds));
        Assert.All(sink.Offered, o => Assert.Equal(OfferMode.Wait, o.Mode));
        Assert.Equal(5, source.Health.Received);
        Assert.Equal(SourceStates.Idle, source.Health.State);
    }

    [Fact]
    public async Task Loop_gives_every_later_pass_new_ids_so_dedup_keeps_them()
    {
        var file = ScenarioPaths.WriteTemp(
            ScenarioPaths.MakePost("p1", TimeSpan.Zero), ScenarioPaths.MakePost("p2", TimeSpan.FromMinutes(1), repostOf: "p1"));
        var time = new ManualTimeProvider(WallStart);
        var sink = new RecordingSink(time);
        var source = new ReplaySource(new ReplayOptions { Scenarios = [file], Speed = 60, Loop = true }, timeProvider: time);
        using var cts = new CancellationTokenSource();

        var run = source.RunAsync(sink, cts.Token);
        await time.DriveAsync(run, () => sink.Count >= 6);
        cts.Cancel();
        await run;

        var ids = sink.Offered.Take(6).Select(o => o.Post.SourcePostId).ToList();
        Assert.Equal(["p1", "p2", "p1~loop2", "p2~loop2", "p1~loop3", "p2~loop3"], ids);
        Assert.Equal("p1~loop2", sink.Offered[3].Post.RepostOfId);
        Assert.Equal(SourceStates.Stopped, source.Health.State);
    }

    [Fact]
    public async Task Shift_to_now_rebases_created_at_and_account_age_keeping_scaled_timing()
    {
        var accountCreated = ScenarioPaths.T0.AddMinutes(-5);   // an account created during the event
        var file = ScenarioPaths.WriteTemp(
            ScenarioPaths.MakePost("s1", TimeSpan.Zero), ScenarioPaths.MakePost("s2", TimeSpan.FromMinutes(10), accountCreated: accountCreated));
        var time = new ManualTimeProvider(WallStart);
        var sink = new RecordingSink(time);
        var source = new ReplaySource(new ReplayOptions { Scenarios = [file], Speed = 60, ShiftToNow = true }, timeProvider: time);

        var run = source.RunAsync(sink, CancellationToken.None);
        await time.DriveAsync(run);
        await run;

        var first = sink.Offered[0].Post;
        var second = sink.Offered[1].Post;
        Assert.Equal(WallStart, first.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(9), first.CreatedAt.Offset);
        Assert.Equal(WallStart.AddSeconds(10), second.CreatedAt);
        Assert.Equal(second.CreatedAt.AddMinutes(-15), second.Author.AccountCreatedAt);
        Assert.Equal("s2", second.SourcePostId);
    }

    [Fact]
    public async Task Start_offset_skips_the_beginning_of_the_first_pass()
    {
        var file = ScenarioPaths.WriteTemp(
            ScenarioPaths.MakePost("early", TimeSpan.Zero), ScenarioPaths.MakePost("late", TimeSpan.FromMinutes(30)));
        var time = new ManualTimeProvider(WallStart);
        var sink = new RecordingSink(time);
        var source = new ReplaySource(new ReplayOptions { Scenarios = [file], Speed = 1, StartOffset = TimeSpan.FromMinutes(20) }, timeProvider: time);

        var run = source.RunAsync(sink, CancellationToken.None);
        await time.DriveAsync(run);
        await run;

        var offered = Assert.Single(sink.Offered);
        Assert.Equal("late", offered.Post.SourcePostId);
        Assert.Equal(WallStart.AddMinutes(10), offered.At);
    }

    [Fact]
    public async Task Bad_lines_are_counted_with_file_and_line_number_and_good_lines_still_flow()
    {
        var time = new ManualTimeProvider(WallStart);
        var sink = new RecordingSink(time);
        var source = new ReplaySource(new ReplayOptions { Scenarios = [ScenarioPaths.Scenario("bad-lines-sample.jsonl")], Speed = 1000 }, timeProvider: time);

        var run = source.RunAsync(sink, CancellationToken.None);
        await time.DriveAsync(run);
        await run;

        Assert.Equal(["bad-sample-1", "bad-sample-7"], sink.Offered.Select(o => o.Post.SourcePostId));
        Assert.Equal(5, sink.Rejected.Count);
        Assert.All(sink.Rejected, r => Assert.Equal("replay", r.Source));
        Assert.StartsWith("bad-lines-sample.jsonl:2: malformed JSON", sink.Rejected[0].Reason);
        Assert.StartsWith("bad-lines-sample.jsonl:3: unsupported schema_version", sink.Rejected[1].Reason);
        Assert.StartsWith("bad-lines-sample.jsonl:4: invalid created_at", sink.Rejected[2].Reason);
        Assert.StartsWith("bad-lines-sample.jsonl:5: missing author.id", sink.Rejected[3].Reason);
        Assert.StartsWith("bad-lines-sample.jsonl:6: line too long", sink.Rejected[4].Reason);
        Assert.Equal(5, source.Health.Rejected);
        Assert.Equal(2, source.Health.Received);
        Assert.Equal(SourceStates.Idle, source.Health.State);
    }

    [Fact]
    public async Task Missing_scenario_file_fails_the_source_without_throwing()
    {
        var time = new ManualTimeProvider(WallStart);
        var sink = new RecordingSink(time);
        var missing = Path.Combine(Path.GetTempPath(), "no-such-scenario-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var source = new ReplaySource(new ReplayOptions { Scenarios = [missing] }, timeProvider: time);

        await source.RunAsync(sink, CancellationToken.None);

        Assert.Equal(SourceStates.Failed, source.Health.State);
        Assert.Contains("not found", source.Health.LastError);
        Assert.Contains(Path.GetFileName(missing), source.Health.LastError);
        Assert.Empty(sink.Offered);
    }

    [Fact]
    public async Task Invalid_speed_fails_the_source_naming_the_setting()
    {
        var source = new ReplaySource(new ReplayOptions { Scenarios = [ScenarioPaths.Scenario("bad-lines-sample.jsonl")], Speed = 0 });
        await source.RunAsync(new RecordingSink(TimeProvider.System), CancellationToken.None);
        Assert.Equal(SourceStates.Failed, source.Health.State);
        Assert.Contains("Sources:Replay:Speed", source.Health.LastError);
    }
}
