using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Maps.Snapshots;

namespace SnsDashboard.Web.Tests.Maps;

/// <summary>The snapshot service's bounds, with a stand-in "Chromium" that starts and then hangs
/// (never opens DevTools): the timeout stops it and kills the process; a second request while one
/// runs is refused at once, not queued.</summary>
public class MapSnapshotServiceTests
{
    private static (MapSnapshotService Service, string Marker, string Dir) HangingChromium()
    {
        var dir = Directory.CreateTempSubdirectory("sns-snapshot-test-").FullName;
        var marker = Path.Combine(dir, "pid");
        var script = Path.Combine(dir, "chromium");
        File.WriteAllText(script, $"#!/bin/sh\necho $$ > '{marker}'\nexec sleep 300\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var service = new MapSnapshotService(
            Options.Create(new MapSnapshotOptions { ChromiumPath = script, TimeoutSeconds = 5 }),
            Options.Create(new StorageOptions { DataDir = dir }), NullLogger<MapSnapshotService>.Instance);
        return (service, marker, dir);
    }

    [Fact]
    public async Task A_hanging_chromium_times_out_is_killed_and_a_concurrent_request_is_refused()
    {
        var (service, marker, dir) = HangingChromium();
        var page = new Uri("http://127.0.0.1:1/map/snapshot/print?lat=0");
        var first = service.TakeAsync(page, [], CancellationToken.None);
        for (var i = 0; i < 100 && !File.Exists(marker); i++) await Task.Delay(50);

        var busy = await Assert.ThrowsAsync<SnapshotException>(() => service.TakeAsync(page, [], CancellationToken.None));
        Assert.Equal(SnapshotFailure.Busy, busy.Failure);

        var timedOut = await Assert.ThrowsAsync<SnapshotException>(() => first);
        Assert.Equal(SnapshotFailure.Timeout, timedOut.Failure);
        Assert.Contains("Map:Snapshot:TimeoutSeconds", timedOut.Message);

        var pid = int.Parse(File.ReadAllText(marker).Trim());
        var gone = false;
        for (var i = 0; i < 50 && !gone; i++)
        {
            try { gone = Process.GetProcessById(pid).HasExited; } catch (ArgumentException) { gone = true; }
            if (!gone) await Task.Delay(100);
        }
        Assert.True(gone, "the stand-in Chromium was left running");

        // The gate is free again afterwards (this one fails on the missing binary, not as busy).
        File.Delete(Path.Combine(dir, "chromium"));
        var missing = await Assert.ThrowsAsync<SnapshotException>(() => service.TakeAsync(page, [], CancellationToken.None));
        Assert.Equal(SnapshotFailure.ChromiumMissing, missing.Failure);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("20261122-061500-0a1b2c3d", "png", true)]
    [InlineData("20261122-061500-0a1b2c3d", "pdf", true)]
    [InlineData("20261122-061500-0a1b2c3d", "exe", false)]
    [InlineData("../../../etc/passwd-000", "png", false)]
    [InlineData("20261122-061500-0A1B2C3D", "png", false)]
    public void Only_generated_snapshot_names_are_served(string id, string ext, bool served)
    {
        var dir = Directory.CreateTempSubdirectory("sns-snapshot-files-").FullName;
        var service = new MapSnapshotService(Options.Create(new MapSnapshotOptions { OutputDir = dir }),
            Options.Create(new StorageOptions { DataDir = dir }), NullLogger<MapSnapshotService>.Instance);
        foreach (var e in new[] { "png", "pdf", "exe" }) File.WriteAllText(Path.Combine(dir, $"map-20261122-061500-0a1b2c3d.{e}"), "x");
        Assert.Equal(served, service.FileOf(id, ext) is not null);
        Directory.Delete(dir, true);
    }
}
