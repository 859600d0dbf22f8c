namespace SnsDashboard.Web.Components.Shared;

/// <summary>
/// A map that can let the analyst click the true place of the selected post, and then move that
/// post's marker (the live map cascades itself as one; elsewhere there is none and the location
/// panel offers only the candidates and the lat/lon fields).
/// </summary>
public interface IMapPointPicker
{
    /// <summary>Waits for a click on the map; null when cancelled (Escape, or another pick started).</summary>
    Task<(double Lat, double Lon)?> PickPointAsync();

    /// <summary>Leaves pick mode and removes the preview.</summary>
    Task CancelPickAsync();

    /// <summary>Moves the selected post's marker to its corrected point.</summary>
    Task MoveSelectedAsync(double lat, double lon);
}
