namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// Where the official files are (configuration section <c>Gazetteer</c>): the ABR
/// prefecture/municipality CSV folder, geolonia's <c>api/ja</c> town folder, an N03 boundary
/// GeoJSON/TopoJSON file, an N02 station GeoJSON file and a folder of GSI shelter GeoJSON files.
/// Relative paths resolve against the configuration file's folder. Without <see cref="AbrDir"/>
/// the built-in demo gazetteer is used.
/// </summary>
public sealed record GazetteerSources
{
    public const string Section = "Gazetteer";

    public string? AbrDir { get; init; }
    public string? TownsDir { get; init; }
    public string? BoundariesFile { get; init; }
    public string? StationsFile { get; init; }
    public string? SheltersDir { get; init; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AbrDir);

    public GazetteerSources ResolvedAgainst(string root)
    {
        static string? R(string? p, string root) => string.IsNullOrWhiteSpace(p) ? null : Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(root, p));
        return new() { AbrDir = R(AbrDir, root), TownsDir = R(TownsDir, root), BoundariesFile = R(BoundariesFile, root), StationsFile = R(StationsFile, root), SheltersDir = R(SheltersDir, root) };
    }

    /// <summary>Identifies the source files' state (paths, sizes, modification times) for the on-disk cache.</summary>
    public string Fingerprint()
    {
        var parts = new List<string> { "v1" };
        foreach (var p in new[] { AbrDir, TownsDir, BoundariesFile, StationsFile, SheltersDir })
        {
            if (p is null) { parts.Add("-"); continue; }
            long size = 0, ticks = 0; int count = 0;
            IEnumerable<FileInfo> files = File.Exists(p) ? [new FileInfo(p)]
                : Directory.Exists(p) ? new DirectoryInfo(p).EnumerateFiles("*", SearchOption.AllDirectories) : [];
            foreach (var f in files) { size += f.Length; ticks = Math.Max(ticks, f.LastWriteTimeUtc.Ticks); count++; }
            parts.Add($"{p}|{count}|{size}|{ticks}");
        }
        return string.Join(";", parts);
    }
}
