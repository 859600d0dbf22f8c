using Microsoft.Data.Sqlite;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Tests.Storage;

/// <summary>A temporary data folder per test, removed on dispose (stores closed first).</summary>
internal sealed class TempStore : IAsyncDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "sns-store-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqlitePostStore> _stores = [];

    public SqliteStoreOptions Options(int purgeChunk = 5_000) =>
        new() { DataDir = Dir, RetentionDays = 30, PurgeChunkSize = purgeChunk };

    public string DatabasePath => Options().DatabasePath;

    public async Task<SqlitePostStore> OpenAsync(int purgeChunk = 5_000)
    {
        var store = new SqlitePostStore(Options(purgeChunk));
        _stores.Add(store);
        await store.InitialiseAsync();
        return store;
    }

    /// <summary>A plain read-write connection for inspecting or preparing the file.</summary>
    public SqliteConnection OpenRaw()
    {
        Directory.CreateDirectory(Dir);
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        // Each store clears its own connection pool on dispose. ClearAllPools would also close
        // pooled connections that tests running in parallel are using (ObjectDisposedException).
        foreach (var s in _stores) await s.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
