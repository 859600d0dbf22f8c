using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. All writes go through one dedicated
/// connection, serialised by a semaphore; reads open pooled read-only connections, which WAL
/// never blocks on the writer. The SQLite calls themselves are synchronous (the provider has no
/// real async I/O); the async signatures only queue callers on the write lock.
/// </summary>
public sealed class SqlitePostStore : IPostStore, IPostBatchEncoder, IPostDeleter, IAsyncDisposable, IDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly string _path;
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private PostWriter? _postWriter;
    private readonly TagBits _categoryBits = new("category"), _hazardBits = new("hazard");
    private bool _disposed;

    public SqlitePostStore(SqliteStoreOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        _path = options.DatabasePath;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public string DatabasePath => _path;

    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null) return;
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var writer = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = _path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
            }.ToString());
            try
            {
                writer.Open();
                // Refuse a newer schema before touching anything (journal mode included).
                var found = SqliteMigrations.GetVersion(writer);
                if (found > SqliteMigrations.LatestVersion)
                    throw new StoreSchemaTooNewException(_path, found, SqliteMigrations.LatestVersion);
                Execute(writer, $"""
                    PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = NORMAL;
                    PRAGMA temp_store = MEMORY;
                    PRAGMA cache_size = -262144;  -- 256 MB: the unique and time indexes of millions of rows stay hot
                    PRAGMA journal_size_limit = 67108864;
                    PRAGMA wal_autocheckpoint = 16384;  -- 64 MB between checkpoints: far fewer fsyncs at high rates
                    """);
                SqliteMigrations.Apply(writer, _clock.GetUtcNow());
                Execute(writer, "CREATE TEMP TABLE IF NOT EXISTS purge_ids (id INTEGER PRIMARY KEY)");
                _categoryBits.Load(writer);
                _hazardBits.Load(writer);
                _postWriter = new PostWriter(writer, _categoryBits, _hazardBits);
                _writer = writer;
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> AppendAsync(IReadOnlyList<AnalysedPost> batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return 0;
        var encoded = batch is EncodedPostBatch pre ? pre.Encoded : PostEncoding.EncodeAll(batch);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            using var tx = writer.BeginTransaction(deferred: false);
            try
            {
                var written = _postWriter!.Write(batch, encoded, tx, ct);
                tx.Commit();
                return written;
            }
            catch
            {
                tx.Rollback();
                _postWriter!.ReloadTagBits();
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<AnalysedPost> Encode(IReadOnlyList<AnalysedPost> batch) =>
        batch as EncodedPostBatch ?? new EncodedPostBatch(batch, PostEncoding.EncodeAll(batch));

    public async Task<IReadOnlyList<AnalysedPost>> QueryAsync(PostQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureInitialised();
        await using var connection = OpenReader();
        await using var cmd = connection.CreateCommand();
        PostQuerySql.BuildSelect(cmd, query, _categoryBits, _hazardBits);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var results = new List<AnalysedPost>(Math.Min(Math.Max(query.Limit, 0), 1024));
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            // The text lives in its own column only (post_json holds "" since migration 5).
            // The field-by-field decoder: the serializer's reflection path cost most of a map load's CPU.
            var post = (CompactJsonDecoder.DecodePost(reader.GetFieldValue<byte[]>(0))
                ?? throw new InvalidDataException("Stored post_json is null.")) with { Text = reader.GetString(3) };
            var analysis = CompactJsonDecoder.DecodeAnalysis(reader.GetFieldValue<byte[]>(1)) ?? PostAnalysis.Empty;
            var ingested = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            results.Add(new AnalysedPost(post, analysis, ingested));
        }
        return results;
    }

    /// <summary>SQLite's plan for the statement <see cref="QueryAsync"/> would run (diagnostics, benchmarks).</summary>
    public IReadOnlyList<string> ExplainQueryPlan(PostQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureInitialised();
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        PostQuerySql.BuildSelect(cmd, query, _categoryBits, _hazardBits);
        cmd.CommandText = "EXPLAIN QUERY PLAN " + cmd.CommandText;
        using var r = cmd.ExecuteReader();
        var plan = new List<string>();
        while (r.Read()) plan.Add(r.GetString(3));
        return plan;
    }

    public async Task<long> CountAsync(PostQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureInitialised();
        await using var connection = OpenReader();
        await using var cmd = connection.CreateCommand();
        PostQuerySql.BuildCount(cmd, query, _categoryBits, _hazardBits);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false));
    }

    /// <summary>Deletes posts created before <paramref name="cutoff"/> with their side rows and index entries, in chunks
    /// of <see cref="SqliteStoreOptions.PurgeChunkSize"/>, releasing the write lock between chunks.</summary>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        var chunk = Math.Max(1, _options.PurgeChunkSize);
        var total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var deleted = await DeleteSelectedAsync(
                "SELECT id FROM posts WHERE created_at < $cutoff ORDER BY created_at LIMIT $chunk",
                cmd => { cmd.Parameters.AddWithValue("$cutoff", cutoffMs); cmd.Parameters.AddWithValue("$chunk", chunk); }, ct);
            total += deleted;
            if (deleted < chunk) return total;
        }
    }

    /// <summary>Deletes one post (the author deleted it at the source) with its side rows.</summary>
    public async Task<bool> DeleteAsync(PostKey key, CancellationToken ct = default) =>
        await DeleteSelectedAsync("SELECT id FROM posts WHERE source = $source AND source_post_id = $id",
            cmd => { cmd.Parameters.AddWithValue("$source", key.Source); cmd.Parameters.AddWithValue("$id", key.SourcePostId); }, ct) > 0;

    /// <summary>Deletes the posts <paramref name="selectIds"/> selects, with their side rows and
    /// text-index entries, in one write transaction. Returns how many posts went.</summary>
    private async Task<int> DeleteSelectedAsync(string selectIds, Action<SqliteCommand> bind, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = Writer();
            using var tx = writer.BeginTransaction(deferred: false);
            using var cmd = writer.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText =
                $"""
                DELETE FROM purge_ids;
                INSERT INTO purge_ids (id) {selectIds};
                DELETE FROM post_categories WHERE post_rowid IN (SELECT id FROM purge_ids);
                DELETE FROM post_hazards WHERE post_rowid IN (SELECT id FROM purge_ids);
                DELETE FROM posts_fts WHERE rowid IN (SELECT id FROM purge_ids);
                DELETE FROM posts WHERE id IN (SELECT id FROM purge_ids);
                """;
            bind(cmd);
            cmd.ExecuteNonQuery();
            cmd.Parameters.Clear();
            cmd.CommandText = "SELECT count(*) FROM purge_ids";
            var deleted = Convert.ToInt32(cmd.ExecuteScalar());
            tx.Commit();
            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Applies <see cref="SqliteStoreOptions.RetentionDays"/> relative to <paramref name="now"/>.</summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct = default) =>
        _options.RetentionDays <= 0
            ? Task.FromResult(0)
            : PurgeOlderThanAsync(now.AddDays(-_options.RetentionDays), ct);

    public async Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
    {
        EnsureInitialised();
        await using var connection = OpenReader();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            """
            SELECT (SELECT count(*) FROM posts),
                   (SELECT count(*) FROM posts WHERE lat IS NOT NULL),
                   (SELECT min(created_at) FROM posts),
                   (SELECT max(created_at) FROM posts),
                   (SELECT coalesce(max(version), 0) FROM schema_migrations),
                   sqlite_version()
            """;
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        r.Read();
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
        var version = r.GetInt32(4);
        var size = FileSize(_path) + FileSize(_path + "-wal");
        return new StoreStats(r.GetInt64(0), r.GetInt64(1), size, Time(2), Time(3), version,
            $"SQLite {r.GetString(5)} (WAL) at {_path}, schema v{version}");
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _postWriter?.Dispose();
            if (_writer is not null)
            {
                try { Execute(_writer, "PRAGMA optimize"); } catch (SqliteException) { /* best effort */ }
                _writer.Dispose();
            }
            using var probe = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(probe);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection Writer()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ?? throw new InvalidOperationException("Call InitialiseAsync before using the store.");
    }

    private void EnsureInitialised()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _writer) is null) throw new InvalidOperationException("Call InitialiseAsync before using the store.");
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        SearchFold.Register(connection);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
