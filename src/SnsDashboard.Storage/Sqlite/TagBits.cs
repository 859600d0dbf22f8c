using Microsoft.Data.Sqlite;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// Which bit of <c>posts.category_mask</c> / <c>posts.hazard_mask</c> stands for which name (table
/// <c>tag_bits</c>, migration 5). The taxonomy ids hold the first bits; any other name gets the next
/// free bit the first time it is written, until bit 62; names beyond that go to the side table
/// (<c>post_categories</c> / <c>post_hazards</c>). A name's bit never changes, and a name with a bit
/// never has side rows, so a query can test the mask alone for every name this map knows.
/// </summary>
internal sealed class TagBits(string kind)
{
    public const int MaxBit = 62; // bit 63 would make the mask negative

    // Copy-on-write: readers build queries from it while the writer adds names.
    private volatile Dictionary<string, int> _bits = new(StringComparer.Ordinal);

    public string Kind => kind;

    public bool TryGetBit(string name, out int bit) => _bits.TryGetValue(name, out bit);

    /// <summary>Reads the committed assignments (at start-up, and after a rolled-back write that may
    /// have assigned bits which were never stored).</summary>
    public void Load(SqliteConnection connection)
    {
        var bits = new Dictionary<string, int>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name, bit FROM tag_bits WHERE kind = $kind";
        cmd.Parameters.AddWithValue("$kind", kind);
        using var r = cmd.ExecuteReader();
        while (r.Read()) bits[r.GetString(0)] = r.GetInt32(1);
        _bits = bits;
    }

    /// <summary>Writer only: the bit of <paramref name="name"/>, assigning the next free one inside the
    /// writer's transaction if it is new; null when all bits are taken.</summary>
    public int? GetOrAssign(string name, SqliteCommand insert, SqliteParameter kindParam, SqliteParameter nameParam, SqliteParameter bitParam)
    {
        var bits = _bits;
        if (bits.TryGetValue(name, out var bit)) return bit;
        var next = bits.Count == 0 ? 0 : bits.Values.Max() + 1;
        if (next > MaxBit) return null;
        kindParam.Value = kind;
        nameParam.Value = name;
        bitParam.Value = next;
        insert.ExecuteNonQuery();
        _bits = new Dictionary<string, int>(bits, StringComparer.Ordinal) { [name] = next };
        return next;
    }
}
