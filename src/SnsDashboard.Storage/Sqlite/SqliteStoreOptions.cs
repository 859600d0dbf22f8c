namespace SnsDashboard.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite store (configuration section "Storage").</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Folder of the database file; created if missing. Relative paths resolve against
    /// the current directory, so hosts should pass an absolute path.</summary>
    public string DataDir { get; set; } = "data";

    public string FileName { get; set; } = "sns-dashboard.db";

    /// <summary>Posts older than this many days are removed by <see cref="SqlitePostStore.PurgeExpiredAsync"/>.
    /// 0 or less keeps everything.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Rows deleted per write transaction during a purge, so a large purge never holds
    /// the write lock for long.</summary>
    public int PurgeChunkSize { get; set; } = 5_000;

    /// <summary>How long a connection waits for a lock held by another process.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDir, FileName));
}
