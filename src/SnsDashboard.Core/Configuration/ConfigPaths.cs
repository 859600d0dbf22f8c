using System.Reflection;

namespace SnsDashboard.Core.Configuration;

/// <summary>
/// Resolves relative paths in appsettings.json against the folder of that file: the repository
/// root in a development build (recorded at build time), the binaries' folder otherwise. So the
/// web host and the CLI find the same data, scenarios and glossary from any working directory.
/// </summary>
public static class ConfigPaths
{
    public static string Root { get; } = FindRoot();

    public static string Resolve(string path, string? root = null) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root ?? Root, path));

    private static string FindRoot()
    {
        var recorded = typeof(ConfigPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SnsConfigurationRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, "appsettings.json")))
            return Path.GetFullPath(recorded);
        return AppContext.BaseDirectory;
    }
}
