using SnsDashboard.Core.Analysis;
using SnsDashboard.Web.Components.Pages.LiveMap;

namespace SnsDashboard.Web.Tests.Pages;

public class MapUpdateBuilderTests
{
    private static MapMarker Marker(int id, string status = ClaimStatuses.Unverified) =>
        new(id, 32.8, 130.7, "#d32f2f", "救助要請", 0, 0, "text", "B2", "10:00", 0, status);

    [Fact]
    public void A_marker_added_and_removed_within_one_update_is_never_sent()
    {
        var b = new MapUpdateBuilder();
        b.Removed([7]);                         // drawn by an earlier update: the browser removes it
        b.Added([Marker(10), Marker(11, ClaimStatuses.Disputed)]);
        b.Removed([11]);                        // e.g. deleted at its source in the same update

        var u = b.Build();
        Assert.Equal([7], u.Remove);
        Assert.Equal([10], u.Add.Select(m => m.Id));
        Assert.Empty(u.Claims);                 // the removed marker's style goes with it
    }

    [Fact]
    public void New_markers_with_a_notable_claim_status_are_styled_and_the_last_status_wins()
    {
        var b = new MapUpdateBuilder();
        b.Added([Marker(1, ClaimStatuses.Debunked), Marker(2), Marker(3, ClaimStatuses.Corroborated)]);
        b.Styled([new MarkerClaimUpdate(2, "B2 ⚠", ClaimStatuses.Disputed), new MarkerClaimUpdate(5, "C1", ClaimStatuses.Confirmed)]);
        b.Styled([new MarkerClaimUpdate(2, "B2", ClaimStatuses.Confirmed)]);

        var u = b.Build();
        Assert.Equal(["1:debunked", "2:confirmed", "5:confirmed"], u.Claims.Select(c => c.Id + ":" + c.Status).Order());
        Assert.False(u.IsEmpty);
        Assert.True(new MapUpdateBuilder().Build().IsEmpty);
    }
}
