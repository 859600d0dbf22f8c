namespace SnsDashboard.Web.Maps.Snapshots;

/// <summary>Configuration section "Map:Snapshot": the headless Chromium that renders report
/// snapshots and the bounds on it.</summary>
public sealed class MapSnapshotOptions
{
    public const string Section = "Map:Snapshot";

    /// <summary>Debian's chromium (apt-get install chromium fonts-noto-cjk).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>The whole snapshot (start Chromium, load the view, PNG, PDF) must finish within this.</summary>
    [System.ComponentModel.DataAnnotations.Range(5, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Where PNG/PDF files are kept; empty = "snapshots" under Storage:DataDir.</summary>
    public string OutputDir { get; set; } = "";

    /// <summary>Older snapshot files beyond this many are deleted.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int KeepFiles { get; set; } = 200;
}
