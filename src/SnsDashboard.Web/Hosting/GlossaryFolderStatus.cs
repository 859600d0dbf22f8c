using SnsDashboard.Core.Glossary;

namespace SnsDashboard.Web.Hosting;

/// <summary>
/// The latest comparison of the baseline folder with the published glossary: set at start-up and
/// after each publish, read by /glossary to show a notice while the folder differs.
/// </summary>
public sealed class GlossaryFolderStatus(string baselineDir)
{
    private GlossaryFolderCheck? _latest;

    public string BaselineDir => baselineDir;

    public GlossaryFolderCheck? Latest => Volatile.Read(ref _latest);

    public async Task<GlossaryFolderCheck> RefreshAsync(IGlossaryStore store, CancellationToken ct = default)
    {
        var check = await GlossaryRebaseline.CheckAsync(store, baselineDir, ct);
        Volatile.Write(ref _latest, check);
        return check;
    }
}
