using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Storage.Sqlite;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Storage;

public sealed class SqliteReliabilityStoreTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private SqliteReliabilityStore _store = null!;

    public async Task InitializeAsync()
    {
        await _temp.OpenAsync();
        _store = new SqliteReliabilityStore(_temp.DatabasePath);
    }

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    private static RegisteredAccount Acct(string id, string name = "名前", string kind = AccountKinds.Official) => new("x", id, name, kind);

    [Fact]
    public void Registry_changes_are_versioned_and_audited()
    {
        int v1 = _store.ApplyRegistry([Acct("a"), Acct("b")], [], "analyst1", "initial", Now);
        int v2 = _store.ApplyRegistry([Acct("a", "新しい名前")], [("x", "b")], "analyst2", "rename a, drop b", Now.AddMinutes(1), expectedVersion: v1);
        Assert.Equal(v1 + 1, v2);
        var (version, accounts) = _store.LoadRegistry();
        Assert.Equal(v2, version);
        Assert.Equal("新しい名前", Assert.Single(accounts).Name);
        var history = _store.RegistryVersions();
        Assert.Equal(["update", "delete"], history[0].Changes.Select(c => c.Action));
        Assert.Equal("analyst2", history[0].By);
        Assert.Contains("名前", history[0].Changes[0].BeforeJson);
        Assert.Equal(2, history[1].Changes.Count);
    }

    [Fact]
    public void An_unchanged_apply_creates_no_version_and_a_stale_edit_is_refused_whole()
    {
        int v1 = _store.ApplyRegistry([Acct("a")], [], "a1", "initial", Now);
        Assert.Equal(v1, _store.ApplyRegistry([Acct("a")], [], "a1", "same again", Now));
        _store.ApplyRegistry([Acct("b")], [], "a2", "add b", Now);
        Assert.Throws<RegistryConflictException>(() => _store.ApplyRegistry([Acct("c"), Acct("a", "x")], [], "a1", "stale", Now, expectedVersion: v1));
        var (_, accounts) = _store.LoadRegistry();
        Assert.Equal(["a", "b"], accounts.Select(a => a.AccountId));
        Assert.Equal("名前", accounts[0].Name);
    }

    [Fact]
    public void Racing_claim_marks_keep_every_mark_and_the_latest_stands()
    {
        _store.AddMark(new OperatorMark(MarkKinds.Claim, null, "c-1", ClaimStatuses.Confirmed, "op1", Now.AddSeconds(2)));
        _store.AddMark(new OperatorMark(MarkKinds.Claim, null, "c-1", ClaimStatuses.Debunked, "op2", Now.AddSeconds(1)));  // arrived late
        var history = _store.MarkHistory(MarkKinds.Claim, null, "c-1");
        Assert.Equal(2, history.Count);
        var standing = Assert.Single(_store.StandingClaimDecisions());
        Assert.Equal(ClaimStatuses.Confirmed, standing.Status);
        Assert.Equal("op1", standing.Operator);
    }

    [Fact]
    public void Track_records_count_the_standing_mark_of_each_post()
    {
        for (int i = 0; i < 5; i++)
            _store.AddMark(new OperatorMark(MarkKinds.Post, "x", $"p{i}", MarkKinds.Confirmed, "op", Now, AuthorId: "author1"));
        _store.AddMark(new OperatorMark(MarkKinds.Post, "x", "p0", MarkKinds.False, "op2", Now.AddMinutes(1), AuthorId: "author1"));
        var record = _store.TrackRecords().Find("x", "author1");
        Assert.Equal(new TrackRecord(4, 1), record);
    }

    [Fact]
    public void Status_changes_are_logged_in_order()
    {
        _store.AppendStatusChanges([
            new ClaimStatusChange("c-9", ClaimStatuses.Unverified, ClaimStatuses.Corroborated, "corroborated_by_independent:1", Now, "pipeline"),
            new ClaimStatusChange("c-9", ClaimStatuses.Corroborated, ClaimStatuses.Disputed, "claim_disputed", Now.AddMinutes(1), "pipeline"),
        ]);
        Assert.Equal([ClaimStatuses.Corroborated, ClaimStatuses.Disputed], _store.ClaimHistory("c-9").Select(c => c.To));
    }
}
