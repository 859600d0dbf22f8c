namespace SnsDashboard.Storage.Sqlite;

/// <summary>One schema step: applied once, in its own transaction, in version order.</summary>
public sealed record SqliteMigration(int Version, string Description, string Sql);
