using Microsoft.Data.Sqlite;

namespace SnsDashboard.Benchmarks.Storage;

/// <summary>`store-inspect &lt;db&gt;`: space per table and index (dbstat), for tuning the schema.</summary>
public static class StoreInspect
{
    public static void Run(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC";
        using var r = cmd.ExecuteReader();
        while (r.Read()) Console.WriteLine($"{r.GetString(0),-45} {r.GetInt64(1) / 1048576.0,8:F1} MB");
    }
}
