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

    public static void BuildSelect(SqliteCommand cmd, PostQuery query)
    {
        var sql = new StringBuilder("SELECT p.post_json, p.analysis_json, p.ingested_at FROM posts p");
        AppendWhere(sql, cmd, query);
        sql.Append(" ORDER BY p.created_at DESC, p.id DESC LIMIT $limit");
        cmd.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 0, MaxLimit));
        cmd.CommandText = sql.ToString();
    }

    public static void BuildCount(SqliteCommand cmd, PostQuery query)
    {
        var sql = new StringBuilder("SELECT count(*) FROM posts p");
        AppendWhere(sql, cmd, query);
        cmd.CommandText = sql.ToString();
    }

    private static void AppendWhere(StringBuilder sql, SqliteCommand cmd, PostQuery q)
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
        AddSideTable(where, cmd, q.Categories, "c", "post_categories", "category");
        AddSideTable(where, cmd, q.Hazards, "h", "post_hazards", "hazard");
        AddIn(where, cmd, q.Sources, "src", "p.source");
        AddIn(where, cmd, q.Grades, "grade", "p.grade");
        if (q.Relevant is { } relevant)
        {
            where.Add("p.relevant = $relevant");
            cmd.Parameters.AddWithValue("$relevant", relevant ? 1 : 0);
        }
        if (q.LocatedOnly) where.Add("+p.lat IS NOT NULL"); // a filter, never the driving index
        if (!string.IsNullOrEmpty(q.Text))
        {
            if (CountRunes(q.Text) >= 3)
            {
                // Trigram FTS: a quoted phrase is matched as a literal substring (case-insensitive).
                // The index holds relevant posts only; unrelated ones fall back to LIKE.
                const string fts = "p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH $fts)";
                cmd.Parameters.AddWithValue("$fts", "\"" + q.Text.Replace("\"", "\"\"") + "\"");
                if (q.Relevant == true)
                    where.Add(fts);
                else
                {
                    where.Add($"((p.relevant = 1 AND {fts}) OR (p.relevant = 0 AND p.text LIKE $like ESCAPE '\\'))");
                    cmd.Parameters.AddWithValue("$like", "%" + EscapeLike(q.Text) + "%");
                }
            }
            else
            {
                where.Add("p.text LIKE $like ESCAPE '\\'");
                cmd.Parameters.AddWithValue("$like", "%" + EscapeLike(q.Text) + "%");
            }
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

    private static void AddSideTable(List<string> where, SqliteCommand cmd, IReadOnlyList<string>? values, string prefix, string table, string column)
    {
        var names = AddParameters(cmd, values, prefix);
        if (names is null) return;
        where.Add($"EXISTS (SELECT 1 FROM {table} x WHERE x.post_rowid = p.id AND x.{column} IN ({names}))");
    }

    private static void AddIn(List<string> where, SqliteCommand cmd, IReadOnlyList<string>? values, string prefix, string column)
    {
        var names = AddParameters(cmd, values, prefix);
        if (names is null) return;
        where.Add($"{column} IN ({names})");
    }

    /// <summary>Null or empty list = no filter.</summary>
    private static string? AddParameters(SqliteCommand cmd, IReadOnlyList<string>? values, string prefix)
    {
        if (values is null || values.Count == 0) return null;
        var distinct = values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Take(MaxListValues).ToList();
        if (distinct.Count == 0) return null;
        var names = new StringBuilder();
        for (var i = 0; i < distinct.Count; i++)
        {
            var name = "$" + prefix + i.ToString(CultureInfo.InvariantCulture);
            if (i > 0) names.Append(", ");
            names.Append(name);
            cmd.Parameters.AddWithValue(name, distinct[i]);
        }
        return names.ToString();
    }

    internal static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static int CountRunes(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes()) if (++n >= 3) break;
        return n;
    }
}
