namespace SnsDashboard.Core.Layers.Spatial;

/// <summary>Builds the spatial-join snapshot from the catalogue's current layers (the live
/// host and the <c>analyze</c> command use the same one, so both store the same joins).</summary>
public static class SpatialContextLoader
{
    public static async Task<SpatialContext> LoadAsync(ILayerCatalogue catalogue, CancellationToken ct = default)
    {
        var joinLayers = new List<JoinLayer>();
        foreach (var l in await catalogue.ListAsync(ct: ct))
        {
            if (!UsedByJoins(l)) continue;
            if (await catalogue.GetGeoJsonAsync(l.Id, ct) is not { } json) continue;
            joinLayers.Add(new JoinLayer(l.Id, l.Title, l.Theme, GeoJsonLayerReader.Read(l.FileName, json).Features));
        }
        return await Task.Run(() => new SpatialContext(joinLayers), ct);
    }

    public static bool UsedByJoins(LayerRecord l) =>
        l.Theme is LayerThemes.Hazard or LayerThemes.SocialAssets or LayerThemes.Boundaries;

    /// <summary>Identifies the set of current join layers: changes when one is imported,
    /// replaced by a new version or made current again.</summary>
    public static string Signature(IEnumerable<LayerRecord> current) =>
        string.Join(",", current.Where(UsedByJoins).Select(l => l.Id).Order());
}
