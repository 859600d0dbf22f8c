using SnsDashboard.Core.Configuration;

namespace SnsDashboard.TestData;

/// <summary>
/// The official open-data copies the tests and benchmarks read (gazetteer, boundaries, shelters,
/// hazard zones, stations; see SOURCES.md there). Found at <c>$SNS_SHARED_DATA</c> when set,
/// else at <c>../shared/data</c> next to the repository. Missing data fails loudly: it is never a
/// reason to skip a test.
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
        var dir = Path.GetFullPath(string.IsNullOrEmpty(configured) ? Path.Combine(ConfigPaths.Root, "..", "shared", "data") : configured);
        if (!System.IO.File.Exists(Path.Combine(dir, "SOURCES.md")))
            throw new DirectoryNotFoundException(
                $"shared open data not found at {dir}: put the shared/ folder next to the repository or set {EnvironmentVariable}");
        return dir;
    }
}
