using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// The prepared statements of the write path, created once on the writer connection and reused
/// for every batch (parameters are rebound, never re-parsed). Not thread-safe: the store
/// serialises access.
/// </summary>
internal sealed class PostWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _findExisting;
    // The two statements run for (nearly) every post: raw, bound by position (RawStatement).
    private readonly RawStatement _upsert, _insertFts;
    private readonly SqliteCommand _deleteCategories, _deleteHazards, _deleteFts;
    private readonly SqliteCommand _insertCategory, _insertHazard, _insertBit;
    private readonly SqliteCommand[] _all;

    private readonly SqliteParameter _fSource, _fId;
    private readonly int _source, _sourcePostId, _createdAt, _ingestedAt, _editedAt, _relevant, _lat, _lon,
        _level, _topCategory, _grade, _credibility, _score, _text, _postJson, _analysisJson, _categoryMask, _hazardMask;
    private readonly SqliteParameter _delCat, _delHaz, _delFts;
    private readonly SqliteParameter _catRow, _catName, _catCreated, _hazRow, _hazName, _hazCreated;
    private readonly SqliteParameter _bitKind, _bitName, _bitValue;
    private readonly int _ftsRow, _ftsText;
    private readonly TagBits _categoryBits, _hazardBits;
    private readonly List<string> _overflowCategories = [], _overflowHazards = [];

    public PostWriter(SqliteConnection connection, TagBits categoryBits, TagBits hazardBits)
    {
        _connection = connection;
        _categoryBits = categoryBits;
        _hazardBits = hazardBits;
        _findExisting = Create("SELECT id FROM posts WHERE source = $source AND source_post_id = $id", out _fSource, "$source", out _fId, "$id");

        _upsert = new RawStatement(connection,
            """
            INSERT INTO posts (source, source_post_id, created_at, ingested_at, edited_at, relevant, lat, lon,
                               location_level, top_category, grade, credibility, score, text, post_json, analysis_json,
                               category_mask, hazard_mask)
            VALUES ($source, $source_post_id, $created_at, $ingested_at, $edited_at, $relevant, $lat, $lon,
                    $level, $top_category, $grade, $credibility, $score, $text, $post_json, $analysis_json,
                    $category_mask, $hazard_mask)
            ON CONFLICT (source, source_post_id) DO UPDATE SET
                created_at = excluded.created_at, ingested_at = excluded.ingested_at, edited_at = excluded.edited_at,
                relevant = excluded.relevant, lat = excluded.lat, lon = excluded.lon,
                location_level = excluded.location_level, top_category = excluded.top_category,
                grade = excluded.grade, credibility = excluded.credibility, score = excluded.score,
                text = excluded.text, post_json = excluded.post_json, analysis_json = excluded.analysis_json,
                category_mask = excluded.category_mask, hazard_mask = excluded.hazard_mask
            WHERE excluded.edited_at IS NOT NULL AND (posts.edited_at IS NULL OR excluded.edited_at > posts.edited_at)
            """);
        _source = _upsert.IndexOf("$source"); _sourcePostId = _upsert.IndexOf("$source_post_id");
        _createdAt = _upsert.IndexOf("$created_at"); _ingestedAt = _upsert.IndexOf("$ingested_at"); _editedAt = _upsert.IndexOf("$edited_at");
        _relevant = _upsert.IndexOf("$relevant"); _lat = _upsert.IndexOf("$lat"); _lon = _upsert.IndexOf("$lon");
        _level = _upsert.IndexOf("$level"); _topCategory = _upsert.IndexOf("$top_category"); _grade = _upsert.IndexOf("$grade");
        _credibility = _upsert.IndexOf("$credibility"); _score = _upsert.IndexOf("$score"); _text = _upsert.IndexOf("$text");
        _postJson = _upsert.IndexOf("$post_json"); _analysisJson = _upsert.IndexOf("$analysis_json");
        _categoryMask = _upsert.IndexOf("$category_mask"); _hazardMask = _upsert.IndexOf("$hazard_mask");

        _deleteCategories = Create("DELETE FROM post_categories WHERE post_rowid = $id", out _delCat, "$id");
        _deleteHazards = Create("DELETE FROM post_hazards WHERE post_rowid = $id", out _delHaz, "$id");
        _deleteFts = Create("DELETE FROM posts_fts WHERE rowid = $id", out _delFts, "$id");

        _insertCategory = Create("INSERT OR IGNORE INTO post_categories (post_rowid, category, created_at) VALUES ($row, $name, $created)",
            out _catRow, "$row", out _catName, "$name", out _catCreated, "$created");
        _insertHazard = Create("INSERT OR IGNORE INTO post_hazards (post_rowid, hazard, created_at) VALUES ($row, $name, $created)",
            out _hazRow, "$row", out _hazName, "$name", out _hazCreated, "$created");
        _insertBit = Create("INSERT INTO tag_bits (kind, name, bit) VALUES ($kind, $name, $bit)",
            out _bitKind, "$kind", out _bitName, "$name", out _bitValue, "$bit");
        _insertFts = new RawStatement(connection, "INSERT INTO posts_fts (rowid, text) VALUES ($row, $text)");
        _ftsRow = _insertFts.IndexOf("$row");
        _ftsText = _insertFts.IndexOf("$text");

        _all = [_findExisting, _deleteCategories, _deleteHazards, _deleteFts, _insertCategory, _insertHazard, _insertBit];
    }

    /// <summary>Writes the batch inside <paramref name="tx"/>. Returns rows inserted or replaced.
    /// If the transaction is rolled back, call <see cref="ReloadTagBits"/>.</summary>
    public int Write(IReadOnlyList<AnalysedPost> batch, EncodedPost[] encoded, SqliteTransaction tx, CancellationToken ct)
    {
        foreach (var cmd in _all) cmd.Transaction = tx;
        var written = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if ((i & 255) == 0) ct.ThrowIfCancellationRequested();
            var item = batch[i];
            var post = item.Post;
            long? editedAt = post.EditedAt?.ToUnixTimeMilliseconds();

            var row = encoded[i].Row;
            // The same values and storage classes Microsoft.Data.Sqlite bound before (strings as
            // TEXT, byte[] as BLOB, bool as 0/1), bound by position.
            _upsert.Bind(_source, post.Source);
            _upsert.Bind(_sourcePostId, post.SourcePostId);
            _upsert.Bind(_createdAt, row.CreatedAt);
            _upsert.Bind(_ingestedAt, item.IngestedAt.ToUnixTimeMilliseconds());
            _upsert.Bind(_editedAt, editedAt);
            _upsert.Bind(_relevant, item.Analysis.Relevant ? 1L : 0L);
            _upsert.Bind(_lat, row.Lat);
            _upsert.Bind(_lon, row.Lon);
            _upsert.Bind(_level, row.LocationLevel);
            _upsert.Bind(_topCategory, row.TopCategory);
            _upsert.Bind(_grade, row.Grade);
            _upsert.Bind(_credibility, (long)row.Credibility);
            _upsert.Bind(_score, row.Score);
            _upsert.Bind(_text, post.Text);
            _upsert.BindBlob(_postJson, encoded[i].PostJson);
            _upsert.BindBlob(_analysisJson, encoded[i].AnalysisJson);
            _upsert.Bind(_categoryMask, Mask(_categoryBits, item.Analysis.Categories, _overflowCategories));
            _upsert.Bind(_hazardMask, Mask(_hazardBits, item.Analysis.Hazards, _overflowHazards));

            // Fast path without a look-up: a new key inserts and moves last_insert_rowid; a known
            // key either changes nothing (not a newer edit: ignored) or is updated in place, and
            // only then is its id looked up so its side rows can be replaced.
            var before = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            if (_upsert.Execute() == 0) continue;
            var inserted = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            long? existingId = inserted != before ? null : FindId(post.Source, post.SourcePostId);
            var id = existingId ?? inserted;

            if (existingId is not null)
            {
                _delCat.Value = _delHaz.Value = _delFts.Value = id;
                _deleteCategories.ExecuteNonQuery();
                _deleteHazards.ExecuteNonQuery();
                _deleteFts.ExecuteNonQuery();
            }
            InsertOverflow(_insertCategory, _catRow, _catName, _catCreated, id, row.CreatedAt, _overflowCategories);
            InsertOverflow(_insertHazard, _hazRow, _hazName, _hazCreated, id, row.CreatedAt, _overflowHazards);
            // The text index covers relevant posts only: they are what operators search, and
            // indexing the unrelated majority would cost a third of the write throughput
            // (docs/benchmarks.md). Unrelated posts are searched with LIKE (PostQuerySql).
            if (item.Analysis.Relevant)
            {
                _insertFts.Bind(_ftsRow, id);
                _insertFts.Bind(_ftsText, encoded[i].SearchText);
                _insertFts.Execute();
            }
            written++;
        }
        return written;
    }

    /// <summary>Forgets bits assigned in a transaction that was rolled back.</summary>
    public void ReloadTagBits()
    {
        _categoryBits.Load(_connection);
        _hazardBits.Load(_connection);
    }

    private long Mask(TagBits bits, IReadOnlyList<string> names, List<string> overflow)
    {
        overflow.Clear();
        long mask = 0;
        foreach (var name in names)
        {
            if (bits.GetOrAssign(name, _insertBit, _bitKind, _bitName, _bitValue) is { } bit) mask |= 1L << bit;
            else overflow.Add(name);
        }
        return mask;
    }

    private static void InsertOverflow(SqliteCommand insert, SqliteParameter rowParam, SqliteParameter nameParam, SqliteParameter createdParam,
        long id, long createdAt, List<string> names)
    {
        if (names.Count == 0) return;
        rowParam.Value = id;
        createdParam.Value = createdAt;
        foreach (var name in names)
        {
            nameParam.Value = name;
            insert.ExecuteNonQuery();
        }
    }

    private long FindId(string source, string sourcePostId)
    {
        _fSource.Value = source;
        _fId.Value = sourcePostId;
        return Convert.ToInt64(_findExisting.ExecuteScalar());
    }

    public void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
        _upsert.Dispose();
        _insertFts.Dispose();
    }

    private SqliteCommand Create(string sql, out SqliteParameter p1, string n1)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        p1 = Add(cmd, n1);
        return cmd;
    }

    private SqliteCommand Create(string sql, out SqliteParameter p1, string n1, out SqliteParameter p2, string n2)
    {
        var cmd = Create(sql, out p1, n1);
        p2 = Add(cmd, n2);
        return cmd;
    }

    private SqliteCommand Create(string sql, out SqliteParameter p1, string n1, out SqliteParameter p2, string n2, out SqliteParameter p3, string n3)
    {
        var cmd = Create(sql, out p1, n1, out p2, n2);
        p3 = Add(cmd, n3);
        return cmd;
    }

    private static SqliteParameter Add(SqliteCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }
}

/// <summary><paramref name="SearchText"/>: the folded text for the text index (<see cref="SearchFold"/>), relevant posts only.</summary>
internal readonly record struct EncodedPost(PostRow Row, byte[] PostJson, byte[] AnalysisJson, string? SearchText);

/// <summary>
/// The CPU part of a write (indexed columns, UTF-8 JSON, folded search text): no database needed, so
/// it runs on the pipeline's analysis threads (<see cref="SqlitePostStore.Encode"/>) or, for a batch
/// that arrives unencoded, on the thread pool before the write lock is taken.
/// </summary>
internal static class PostEncoding
{
    private const int Chunk = 128;

    public static EncodedPost[] EncodeAll(IReadOnlyList<AnalysedPost> batch)
    {
        var encoded = new EncodedPost[batch.Count];
        int chunks = (batch.Count + Chunk - 1) / Chunk;
        if (chunks <= 1) EncodeRange(batch, encoded, 0, batch.Count);
        else Parallel.For(0, chunks, c => EncodeRange(batch, encoded, c * Chunk, Math.Min(batch.Count, (c + 1) * Chunk)));
        return encoded;
    }

    private static void EncodeRange(IReadOnlyList<AnalysedPost> batch, EncodedPost[] encoded, int from, int to)
    {
        for (int i = from; i < to; i++) encoded[i] = Encode(batch[i]);
    }

    public static EncodedPost Encode(AnalysedPost item) =>
        // UTF-8 bytes: no UTF-16 round trip for mostly-Japanese JSON.
        // The text has its own column (searched with LIKE, indexed): not repeated in post_json.
        // Compact JSON (no nulls, no empty lists): smaller rows for the single writer to copy.
        new(PostRow.From(item), CompactJsonEncoder.Encode(item.Post, withoutText: true), CompactJsonEncoder.Encode(item.Analysis),
            item.Analysis.Relevant ? SearchFold.Fold(item.Post.Text) : null);
}

/// <summary>Posts with their encoding done ahead of the write (<see cref="SqlitePostStore.Encode"/>).</summary>
internal sealed class EncodedPostBatch(IReadOnlyList<AnalysedPost> posts, EncodedPost[] encoded) : IReadOnlyList<AnalysedPost>
{
    public EncodedPost[] Encoded => encoded;
    public AnalysedPost this[int index] => posts[index];
    public int Count => posts.Count;
    public IEnumerator<AnalysedPost> GetEnumerator() => posts.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
