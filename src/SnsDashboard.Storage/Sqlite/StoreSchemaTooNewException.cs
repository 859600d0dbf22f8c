namespace SnsDashboard.Storage.Sqlite;

/// <summary>The database was written by a newer build. Refused rather than risk corrupting it.</summary>
public sealed class StoreSchemaTooNewException(string path, int found, int known)
    : InvalidOperationException(
        $"Database '{path}' has schema version {found}, but this build only knows versions up to {known}. " +
        "Run a newer build, or point Storage:DataDir at another folder. The file was not modified.")
{
    public int FoundVersion { get; } = found;
    public int KnownVersion { get; } = known;
}
