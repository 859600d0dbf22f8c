using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Tests.Live;

public class RefreshThrottleTests
{
    [Fact]
    public void Refreshes_at_most_once_per_interval_and_schedules_one_catch_up_for_what_it_held_back()
    {
        var throttle = new RefreshThrottle(TimeSpan.FromSeconds(1));
        Assert.True(throttle.ShouldRefresh(10_000, out var none));
        Assert.Null(none);
        throttle.Refreshed(10_000);

        Assert.False(throttle.ShouldRefresh(10_250, out var catchUp));
        Assert.Equal(TimeSpan.FromMilliseconds(750), catchUp);
        Assert.False(throttle.ShouldRefresh(10_500, out var second));
        Assert.Null(second);                       // one catch-up is already scheduled

        // The catch-up runs when the interval is over, and the next live update is held back again.
        Assert.True(throttle.ShouldRefresh(11_000, out _));
        throttle.Refreshed(11_000);
        Assert.False(throttle.ShouldRefresh(11_100, out var next));
        Assert.Equal(TimeSpan.FromMilliseconds(900), next);
    }
}
