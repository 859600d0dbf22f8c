using SnsDashboard.Core.Configuration;

namespace SnsDashboard.TestData;

/// <summary>
/// The official open-data copies the tests and benchmarks read (gazetteer, boundaries, shelters,
/// hazard zones, stations; see SOURCES.md there). Found at <c>$SNS_SHARED_DATA</c> when set,
/// else at <c>shared/data</c> beside the repository or beside one of its parent folders (a CI
/// clone may sit one level deeper). Missing data fails loudly: it is never a reason to skip a test.
/// </summary>
internal static class SharedOpenData
{
    public const string EnvironmentVariable = "SNS_SHARED_DATA";

    public static string Dir { get; } = Find();

    /// <summary>The full path of <paramref name="relative"/> under the shared data, which must exist.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(Dir, relative);
        return System.IO.File.Exists(path) || Directory.Exists(path)
            ? path : throw new FileNotFoundException($"shared open-data file missing: {path}");
    }

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
            return IsDataDir(configured) ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}={configured} has no SOURCES.md");
        for (var dir = Directory.GetParent(Path.GetFullPath(ConfigPaths.Root)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (IsDataDir(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"shared open data not found beside {ConfigPaths.Root} or its parents: put the shared/ folder next to the repository or set {EnvironmentVariable}");
    }

    private static bool IsDataDir(string dir) => System.IO.File.Exists(Path.Combine(dir, "SOURCES.md"));
}
