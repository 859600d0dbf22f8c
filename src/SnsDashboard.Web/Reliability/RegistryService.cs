using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Web.Reliability;

/// <summary>
/// The account registry as analysts edit it: stored and versioned in SQLite, every change audited,
/// and published to the pipeline snapshot at once (the next post is graded with it). Edits carry
/// the version they were made on, so two analysts cannot silently overwrite each other; imports
/// are validated as a whole and applied in one transaction or not at all.
/// </summary>
public sealed class RegistryService(SqliteReliabilityStore store, SnapshotHolder snapshots, TimeProvider time, ILogger<RegistryService> logger)
{
    private readonly Lock _gate = new();

    public int Version { get; private set; }

    public IReadOnlyList<RegisteredAccount> Accounts => snapshots.Current.Registry.Accounts;

    /// <summary>Loads the stored registry; a new database is seeded with the built-in one as version 1.</summary>
    public void Load()
    {
        lock (_gate)
        {
            var (version, accounts) = store.LoadRegistry();
            if (version == 0)
            {
                version = store.ApplyRegistry(AccountRegistry.CreateDefault().Accounts, [], "system", "built-in registry", time.GetUtcNow(), 0);
                (version, accounts) = store.LoadRegistry();
                logger.LogInformation("Account registry seeded with the built-in entries (version {Version})", version);
            }
            Publish(version, accounts);
        }
    }

    /// <summary>Adds or updates one account. Returns the problems (nothing is saved when there are any).</summary>
    public RegistryEditResult Save(RegisteredAccount account, string by, int editedVersion)
    {
        var errors = RegistryCsv.Check(account.Source, account.AccountId, account.Name, account.Kind)
            .Select(e => e.Message).ToList();
        if (account.ConfirmedReports < 0 || account.RefutedReports < 0) errors.Add("report counts must be ≥ 0");
        if (errors.Count > 0) return new(false, Version, errors);
        return Apply([account], [], by, $"save {account.Source}/{account.AccountId}", editedVersion);
    }

    public RegistryEditResult Delete(string source, string accountId, string by, int editedVersion) =>
        Apply([], [(source, accountId)], by, $"delete {source}/{accountId}", editedVersion);

    /// <summary>Imports a CSV: merge (add/update the file's rows) or replace (also delete what the
    /// file does not list). Any error refuses the whole file.</summary>
    public RegistryEditResult Import(string csv, bool replace, string by, int editedVersion)
    {
        var parsed = RegistryCsv.Parse(csv);
        if (!parsed.Ok) return new(false, Version, parsed.Errors.Select(e => e.ToString()).ToList());
        var deletes = replace
            ? Accounts.Where(a => !parsed.Accounts.Any(n => n.Source == a.Source && n.AccountId == a.AccountId)).Select(a => (a.Source, a.AccountId)).ToList()
            : [];
        return Apply(parsed.Accounts, deletes, by, $"{(replace ? "replace" : "merge")} import of {parsed.Accounts.Count} rows", editedVersion);
    }

    public string Export() => RegistryCsv.Export(Accounts);

    public IReadOnlyList<RegistryVersion> History(int limit = 30) => store.RegistryVersions(limit);

    private RegistryEditResult Apply(IReadOnlyList<RegisteredAccount> upserts, IReadOnlyList<(string, string)> deletes, string by, string summary, int editedVersion)
    {
        lock (_gate)
        {
            try
            {
                int version = store.ApplyRegistry(upserts, deletes, by, summary, time.GetUtcNow(), editedVersion);
                var (_, accounts) = store.LoadRegistry();
                Publish(version, accounts);
                logger.LogInformation("Registry version {Version} by {By}: {Summary}", version, by, summary);
                return new(true, version, []);
            }
            catch (RegistryConflictException e) { return new(false, Version, [e.Message]); }
        }
    }

    private void Publish(int version, IReadOnlyList<RegisteredAccount> accounts)
    {
        Version = version;
        var registry = AccountRegistry.FromEntries($"db-{version}", accounts);
        snapshots.Update(s => s with { Registry = registry });
    }
}

public sealed record RegistryEditResult(bool Ok, int Version, IReadOnlyList<string> Errors);
