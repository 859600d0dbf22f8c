namespace SnsDashboard.Core.Geo.Import;

/// <summary>Loads the configured gazetteer: from the on-disk cache when the sources are unchanged,
/// otherwise by building (and caching) it. Without configured sources, the built-in demo gazetteer.</summary>
public static class GazetteerLoader
{
    /// <summary>File name of the on-disk cache in the storage data folder.</summary>
    public const string CacheFileName = "gazetteer-cache.bin";

    public static GazetteerBuilder.Result Load(GazetteerSources sources, string? cacheFile)
    {
        if (!sources.IsConfigured)
            return new GazetteerBuilder.Result(DemoGazetteer.Create(), [], 0, "built-in demo gazetteer (approximate)");
        string fingerprint = sources.Fingerprint();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        if (cacheFile is not null && GazetteerCache.TryRead(cacheFile, fingerprint) is { } cached)
            return new GazetteerBuilder.Result(cached, [], 0, $"{cached.Version} from cache {cacheFile} in {sw.ElapsedMilliseconds} ms");
        var result = GazetteerBuilder.Build(sources);
        if (result.Gazetteer is { } g && cacheFile is not null)
        {
            try { GazetteerCache.Write(cacheFile, g, fingerprint); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return result with { Summary = result.Summary + $"; cache not written ({e.Message})" };
            }
        }
        return result;
    }

    /// <summary>Focus area for ambiguous names: the prefecture at the map's initial centre.</summary>
    public static Gazetteer WithFocusAt(Gazetteer g, double? lat, double? lon)
    {
        if (lat is not double la || lon is not double lo) return g;
        var pref = ReverseGeocoder.Lookup(g, la, lo)?.Municipality?.Pref
            ?? g.Places.Where(p => p.Kind == PlaceKind.Municipality).MinBy(p => GeoMath.DistanceKm(la, lo, p.Lat, p.Lon))?.Pref;
        return pref is null ? g : g.WithFocus([pref]);
    }
}
