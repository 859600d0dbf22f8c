using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Web.Hosting;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>sqlite (the embedded default). PostgreSQL comes later.</summary>
    [RegularExpression("^sqlite$", ErrorMessage = "Storage:Provider must be 'sqlite'")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Folder of the database file; relative paths resolve against appsettings.json's folder.</summary>
    [Required] public string DataDir { get; set; } = "data";

    /// <summary>Posts older than this many days are deleted; 0 keeps everything.</summary>
    [Range(0, 3650)] public int RetentionDays { get; set; } = 30;
}
