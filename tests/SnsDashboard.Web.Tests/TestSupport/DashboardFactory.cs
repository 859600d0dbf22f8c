using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace SnsDashboard.Web.Tests.TestSupport;

/// <summary>WebApplicationFactory over Program with a temporary data directory. The replay
/// source is off unless a test turns it on, so tests control exactly which posts arrive.</summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    public string DataDir { get; } = Directory.CreateTempSubdirectory("sns-web-").FullName;
    protected virtual bool ReplayEnabled => false;
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>(ExtraSettings)
        {
            ["Storage:DataDir"] = DataDir,
            ["Sources:Replay:Enabled"] = ReplayEnabled ? "true" : "false",
            ["Sources:Replay:Speed"] = "600",
            ["Live:BatchIntervalMs"] = "100",
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(TestAccounts.Settings())));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same, playing the embedded default replay scenarios fast.</summary>
public sealed class ReplayDashboardFactory : DashboardFactory
{
    protected override bool ReplayEnabled => true;
}
