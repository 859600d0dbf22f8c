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
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _deleteCategories, _deleteHazards, _deleteFts;
    private readonly SqliteCommand _insertCategory, _insertHazard, _insertBit, _insertFts;
    private readonly SqliteCommand[] _all;

    private readonly SqliteParameter _fSource, _fId;
    private readonly SqliteParameter _source, _sourcePostId, _createdAt, _ingestedAt, _editedAt, _relevant, _lat, _lon,
        _level, _topCategory, _grade, _credibility, _score, _text, _postJson, _analysisJson, _categoryMask, _hazardMask;
    private readonly SqliteParameter _delCat, _delHaz, _delFts;
    private readonly SqliteParameter _catRow, _catName, _catCreated, _hazRow, _hazName, _hazCreated;
    private readonly SqliteParameter _bitKind, _bitName, _bitValue;
    private readonly SqliteParameter _ftsRow, _ftsText;
    private readonly TagBits _categoryBits, _hazardBits;
    private readonly List<string> _overflowCategories = [], _overflowHazards = [];

    public PostWriter(SqliteConnection connection, TagBits categoryBits, TagBits hazardBits)
    {
        _connection = connection;
        _categoryBits = categoryBits;
        _hazardBits = hazardBits;
        _findExisting = Create("SELECT id FROM posts WHERE source = $source AND source_post_id = $id", out _fSource, "$source", out _fId, "$id");

        _upsert = connection.CreateCommand();
        _upsert.CommandText =
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
            """;
        _source = Add(_upsert, "$source"); _sourcePostId = Add(_upsert, "$source_post_id");
        _createdAt = Add(_upsert, "$created_at"); _ingestedAt = Add(_upsert, "$ingested_at"); _editedAt = Add(_upsert, "$edited_at");
        _relevant = Add(_upsert, "$relevant"); _lat = Add(_upsert, "$lat"); _lon = Add(_upsert, "$lon");
        _level = Add(_upsert, "$level"); _topCategory = Add(_upsert, "$top_category"); _grade = Add(_upsert, "$grade");
        _credibility = Add(_upsert, "$credibility"); _score = Add(_upsert, "$score"); _text = Add(_upsert, "$text");
        _postJson = Add(_upsert, "$post_json"); _analysisJson = Add(_upsert, "$analysis_json");
        _categoryMask = Add(_upsert, "$category_mask"); _hazardMask = Add(_upsert, "$hazard_mask");

        _deleteCategories = Create("DELETE FROM post_categories WHERE post_rowid = $id", out _delCat, "$id");
        _deleteHazards = Create("DELETE FROM post_hazards WHERE post_rowid = $id", out _delHaz, "$id");
        _deleteFts = Create("DELETE FROM posts_fts WHERE rowid = $id", out _delFts, "$id");

        _insertCategory = Create("INSERT OR IGNORE INTO post_categories (post_rowid, category, created_at) VALUES ($row, $name, $created)",
            out _catRow, "$row", out _catName, "$name", out _catCreated, "$created");
        _insertHazard = Create("INSERT OR IGNORE INTO post_hazards (post_rowid, hazard, created_at) VALUES ($row, $name, $created)",
            out _hazRow, "$row", out _hazName, "$name", out _hazCreated, "$created");
        _insertBit = Create("INSERT INTO tag_bits (kind, name, bit) VALUES ($kind, $name, $bit)",
            out _bitKind, "$kind", out _bitName, "$name", out _bitValue, "$bit");
        _insertFts = Create("INSERT INTO posts_fts (rowid, text) VALUES ($row, $text)", out _ftsRow, "$row", out _ftsText, "$text");

        _all = [_findExisting, _upsert, _deleteCategories, _deleteHazards, _deleteFts, _insertCategory, _insertHazard, _insertBit, _insertFts];
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
            _source.Value = post.Source;
            _sourcePostId.Value = post.SourcePostId;
            _createdAt.Value = row.CreatedAt;
            _ingestedAt.Value = item.IngestedAt.ToUnixTimeMilliseconds();
            _editedAt.Value = (object?)editedAt ?? DBNull.Value;
            _relevant.Value = item.Analysis.Relevant ? 1 : 0;
            _lat.Value = (object?)row.Lat ?? DBNull.Value;
            _lon.Value = (object?)row.Lon ?? DBNull.Value;
            _level.Value = (object?)row.LocationLevel ?? DBNull.Value;
            _topCategory.Value = (object?)row.TopCategory ?? DBNull.Value;
            _grade.Value = row.Grade;
            _credibility.Value = row.Credibility;
            _score.Value = row.Score;
            _text.Value = post.Text;
            _postJson.Value = encoded[i].PostJson;
            _analysisJson.Value = encoded[i].AnalysisJson;
            _categoryMask.Value = Mask(_categoryBits, item.Analysis.Categories, _overflowCategories);
            _hazardMask.Value = Mask(_hazardBits, item.Analysis.Hazards, _overflowHazards);

            // Fast path without a look-up: a new key inserts and moves last_insert_rowid; a known
            // key either changes nothing (not a newer edit: ignored) or is updated in place, and
            // only then is its id looked up so its side rows can be replaced.
            var before = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            if (_upsert.ExecuteNonQuery() == 0) continue;
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
                _ftsRow.Value = id;
                _ftsText.Value = encoded[i].SearchText;
                _insertFts.ExecuteNonQuery();
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
        new(PostRow.From(item), PostJson.SerializeCompactToUtf8(item.Post with { Text = "" }), PostJson.SerializeCompactToUtf8(item.Analysis),
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
