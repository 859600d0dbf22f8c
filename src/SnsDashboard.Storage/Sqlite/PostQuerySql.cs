using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// Turns a <see cref="PostQuery"/> into one parameterised statement. User input only ever
/// travels as parameter values; the SQL text is built from fixed fragments and parameter names.
/// </summary>
internal static class PostQuerySql
{
    /// <summary>Upper bound of <see cref="PostQuery.Limit"/>, so a bad request cannot load the whole table.</summary>
    public const int MaxLimit = 100_000;
    /// <summary>Upper bound of values in one list filter.</summary>
    public const int MaxListValues = 256;

    /// <summary>Maximum trigrams a text search ANDs in the index; the substring check on the row makes
    /// the result exact whatever the number.</summary>
    public const int MaxTrigrams = 32;

    public static void BuildSelect(SqliteCommand cmd, PostQuery query, TagBits categoryBits, TagBits hazardBits)
    {
        var sql = new StringBuilder("SELECT p.post_json, p.analysis_json, p.ingested_at, p.text FROM posts p");
        AppendWhere(sql, cmd, query, categoryBits, hazardBits);
        sql.Append(" ORDER BY p.created_at DESC, p.id DESC LIMIT $limit");
        cmd.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 0, MaxLimit));
        cmd.CommandText = sql.ToString();
    }

    public static void BuildCount(SqliteCommand cmd, PostQuery query, TagBits categoryBits, TagBits hazardBits)
    {
        var sql = new StringBuilder("SELECT count(*) FROM posts p");
        AppendWhere(sql, cmd, query, categoryBits, hazardBits);
        cmd.CommandText = sql.ToString();
    }

    private static void AppendWhere(StringBuilder sql, SqliteCommand cmd, PostQuery q, TagBits categoryBits, TagBits hazardBits)
    {
        var where = new List<string>();
        // A box over a wide window is driven by the latitude index; "+" keeps the created_at
        // index out of the planner's choice (it would scan the whole window: 360 ms vs ms).
        var created = q.Bounds is not null && UseLatitudeIndex(q) ? "+p.created_at" : "p.created_at";
        if (q.From is { } from)
        {
            where.Add($"{created} >= $from");
            cmd.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }
        if (q.To is { } to)
        {
            where.Add($"{created} < $to");
            cmd.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }
        if (q.Bounds is { } b)
        {
            cmd.Parameters.AddWithValue("$south", b.South);
            cmd.Parameters.AddWithValue("$north", b.North);
            cmd.Parameters.AddWithValue("$west", b.West);
            cmd.Parameters.AddWithValue("$east", b.East);
            // Which index drives: the latitude index for wide or unbounded windows, the created_at
            // index (newest first, stopping at the limit) for short recent ones; "+" keeps SQLite
            // from choosing the other one.
            var lat = UseLatitudeIndex(q) ? "p.lat" : "+p.lat";
            where.Add($"{lat} BETWEEN $south AND $north");
            where.Add(b.West <= b.East
                ? "p.lon BETWEEN $west AND $east"
                : "(p.lon >= $west OR p.lon <= $east)"); // crosses the antimeridian
        }
        AddTagFilter(where, cmd, q.Categories, "c", categoryBits, "post_categories", "category");
        AddTagFilter(where, cmd, q.Hazards, "h", hazardBits, "post_hazards", "hazard");
        AddIn(where, cmd, q.Sources, "src", "p.source");
        AddIn(where, cmd, q.Grades, "grade", "p.grade");
        AddIn(where, cmd, q.LocationLevels, "lvl", "p.location_level");
        if (q.Relevant is { } relevant)
        {
            where.Add("p.relevant = $relevant");
            cmd.Parameters.AddWithValue("$relevant", relevant ? 1 : 0);
        }
        if (q.LocatedOnly) where.Add("+p.lat IS NOT NULL"); // a filter, never the driving index
        if (!string.IsNullOrEmpty(q.Text))
        {
            // Relevant posts, 3+ characters after folding: the trigram index (folded text, detail=none)
            // narrows them to those holding every trigram of the folded phrase, then the folded row must
            // contain the folded phrase (SearchFold: width, case, kana fold like the glossary). Unrelated
            // posts are not in the index and are checked on the row with LIKE (ASCII case only: folding
            // every unrelated row of a window would cost a normaliser call per row), as are phrases
            // shorter than 3 characters.
            const string like = "p.text LIKE $like ESCAPE '\\'";
            cmd.Parameters.AddWithValue("$like", "%" + EscapeLike(q.Text) + "%");
            var folded = SearchFold.Fold(q.Text);
            if (TrigramMatch(folded) is { } match)
            {
                const string fts = $"p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH $fts) AND instr({SearchFold.Function}(p.text), $folded) > 0";
                cmd.Parameters.AddWithValue("$fts", match);
                cmd.Parameters.AddWithValue("$folded", folded);
                where.Add(q.Relevant switch
                {
                    true => fts,
                    false => like,
                    null => $"((p.relevant = 1 AND {fts}) OR (p.relevant = 0 AND {like}))",
                });
            }
            else where.Add(like);
        }
        if (where.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", where);
    }

    /// <summary>Windows up to this long are scanned newest first on the created_at index, with the box
    /// checked on the row; driving such a query from a spatial index costs 1.9 s instead of tens of
    /// ms for a 24 h window and a Kyushu-sized box on 1M rows (docs/benchmarks.md).</summary>
    public static readonly TimeSpan TimeDrivenWindow = TimeSpan.FromDays(7);

    /// <summary>The latitude index drives the query when there is no lower time bound or the window is
    /// wide; a short or open-ended recent window (the live map) is read newest first and stops at the limit.</summary>
    internal static bool UseLatitudeIndex(PostQuery q) =>
        q.From is not { } from || (q.To is { } to && to - from > TimeDrivenWindow);

    /// <summary>Any of the names: their bits in the mask column (<see cref="TagBits"/>); names without a
    /// known bit are also looked up in tag_bits (another process may have assigned one) and in the
    /// side table that holds names beyond the last bit.</summary>
    private static void AddTagFilter(List<string> where, SqliteCommand cmd, IReadOnlyList<string>? values, string prefix,
        TagBits bits, string sideTable, string column)
    {
        var names = Distinct(values);
        if (names is null) return;
        long mask = 0;
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (bits.TryGetBit(name, out var bit)) mask |= 1L << bit;
            else unknown.Add(name);
        }
        var maskParam = "$" + prefix + "mask";
        cmd.Parameters.AddWithValue(maskParam, mask);
        var maskColumn = $"p.{bits.Kind}_mask";
        if (unknown.Count == 0)
        {
            where.Add($"({maskColumn} & {maskParam}) != 0");
            return;
        }
        var list = AddParameters(cmd, unknown, prefix);
        where.Add($"(({maskColumn} & ({maskParam} | (SELECT coalesce(sum(1 << bit), 0) FROM tag_bits WHERE kind = '{bits.Kind}' AND name IN ({list})))) != 0" +
                  $" OR EXISTS (SELECT 1 FROM {sideTable} x WHERE x.post_rowid = p.id AND x.{column} IN ({list})))");
    }

    /// <summary>"t1" AND "t2" …: the distinct trigrams of <paramref name="text"/> as FTS5 terms, or null when
    /// it is shorter than 3 characters (no trigram: only the row check applies).</summary>
    internal static string? TrigramMatch(string text)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count < 3) return null;
        var trigrams = new List<string>();
        for (var i = 0; i + 3 <= runes.Count && trigrams.Count < MaxTrigrams; i++)
        {
            var t = runes[i] + runes[i + 1] + runes[i + 2];
            if (!trigrams.Contains(t)) trigrams.Add(t);
        }
        return string.Join(" AND ", trigrams.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));
    }

    private static void AddIn(List<string> where, SqliteCommand cmd, IReadOnlyList<string>? values, string prefix, string column)
    {
        var distinct = Distinct(values);
        if (distinct is null) return;
        var names = AddParameters(cmd, distinct, prefix);
        where.Add($"{column} IN ({names})");
    }

    /// <summary>Null or empty list = no filter (null).</summary>
    private static List<string>? Distinct(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0) return null;
        var distinct = values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Take(MaxListValues).ToList();
        return distinct.Count == 0 ? null : distinct;
    }

    private static string AddParameters(SqliteCommand cmd, List<string> values, string prefix)
    {
        var names = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var name = "$" + prefix + i.ToString(CultureInfo.InvariantCulture);
            if (i > 0) names.Append(", ");
            names.Append(name);
            cmd.Parameters.AddWithValue(name, values[i]);
        }
        return names.ToString();
    }

    internal static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
