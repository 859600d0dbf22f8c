using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// One statement of the hot write path, prepared once on the writer connection and driven through
/// SQLite's own API: parameters bound by position (Microsoft.Data.Sqlite looks every parameter up by
/// name on every execution, a linear scan of the names in SQLite), values bound without boxing, and
/// text encoded to UTF-8 into one reused buffer (SQLite copies it at bind time). It runs inside
/// whatever transaction the connection has open. Not thread-safe: the store serialises the writer.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _utf8 = new byte[1024];

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        int rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>The position of a named parameter (<c>$name</c>), for binding by position.</summary>
    public int IndexOf(string name)
    {
        int index = raw.sqlite3_bind_parameter_index(_stmt, name);
        return index > 0 ? index : throw new ArgumentException($"No parameter {name} in the statement.", nameof(name));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    public void Bind(int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Text (null binds NULL), as Microsoft.Data.Sqlite binds a string: UTF-8 TEXT.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null) { Check(raw.sqlite3_bind_null(_stmt, index)); return; }
        // An empty span would pass a null pointer, which SQLite binds as NULL: bind "" as text.
        if (value.Length == 0) { Check(raw.sqlite3_bind_text(_stmt, index, string.Empty)); return; }
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < max) _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        int n = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_stmt, index, _utf8.AsSpan(0, n)));
    }

    /// <summary>A BLOB, as Microsoft.Data.Sqlite binds a byte[].</summary>
    public void BindBlob(int index, byte[] value) =>
        Check(value.Length == 0 ? raw.sqlite3_bind_zeroblob(_stmt, index, 0) : raw.sqlite3_bind_blob(_stmt, index, value));

    /// <summary>Runs the statement to completion and returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc = raw.sqlite3_step(_stmt);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _stmt.Dispose();
}
