using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Reliability.Learning;

namespace SnsDashboard.Storage.Sqlite;

/// <summary>
/// Reliability data in the dashboard's SQLite file (schema step 5): the claim status log,
/// operators' marks (append-only: the latest mark per target stands, all are kept), the versioned
/// and audited account registry, and the learned score models. The post store applies the
/// migrations; this class only opens short-lived connections (WAL lets them run beside the
/// post writer; writes wait on the busy timeout).
/// </summary>
public sealed class SqliteReliabilityStore(string databasePath)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = 10,
    }.ToString();

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        c.Execute("PRAGMA busy_timeout = 10000");
        return c;
    }

    // ---------------- Claim status log ----------------

    public int AppendStatusChanges(IReadOnlyCollection<ClaimStatusChange> changes)
    {
        if (changes.Count == 0) return 0;
        using var c = Open();
        using var tx = c.BeginTransaction();
        foreach (var ch in changes)
            c.Execute("INSERT INTO claim_status_log (claim_id, from_status, to_status, reason, at, by_whom) VALUES (@ClaimId, @From, @To, @Reason, @At, @By)",
                new { ch.ClaimId, ch.From, ch.To, ch.Reason, At = ch.At.ToUnixTimeMilliseconds(), ch.By }, tx);
        tx.Commit();
        return changes.Count;
    }

    public IReadOnlyList<ClaimStatusChange> ClaimHistory(string claimId)
    {
        using var c = Open();
        return c.Query<(string ClaimId, string From, string To, string? Reason, long At, string By)>(
                "SELECT claim_id, from_status, to_status, reason, at, by_whom FROM claim_status_log WHERE claim_id = @claimId ORDER BY id",
                new { claimId })
            .Select(r => new ClaimStatusChange(r.ClaimId, r.From, r.To, r.Reason, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.By)).ToList();
    }

    // ---------------- Operator marks ----------------

    /// <summary>Appends a mark; never updates or deletes one (racing marks both stay in the history).</summary>
    public long AddMark(OperatorMark mark)
    {
        using var c = Open();
        return c.ExecuteScalar<long>(
            """
            INSERT INTO operator_marks (target_kind, source, target, mark, operator, at, note, author_id)
            VALUES (@Kind, @Source, @Target, @Mark, @Operator, @At, @Note, @AuthorId) RETURNING id
            """,
            new { mark.Kind, Source = mark.Source ?? "", mark.Target, mark.Mark, mark.Operator, At = mark.At.ToUnixTimeMilliseconds(), mark.Note, mark.AuthorId });
    }

    /// <summary>All marks on one target, oldest first (the last one stands).</summary>
    public IReadOnlyList<OperatorMark> MarkHistory(string kind, string? source, string target)
    {
        using var c = Open();
        return c.Query<MarkRow>(
                "SELECT id, target_kind AS Kind, source, target, mark, operator, at, note, author_id AS AuthorId FROM operator_marks WHERE target_kind = @kind AND source = @source AND target = @target ORDER BY at, id",
                new { kind, source = source ?? "", target })
            .Select(r => r.ToMark()).ToList();
    }

    /// <summary>The standing decision per claim (latest mark by time, then id), for the status board at start-up.</summary>
    public IReadOnlyList<OperatorDecision> StandingClaimDecisions()
    {
        using var c = Open();
        return c.Query<MarkRow>(
                """
                SELECT id, target_kind AS Kind, source, target, mark, operator, at, note, author_id AS AuthorId FROM operator_marks m
                WHERE target_kind = 'claim' AND id = (SELECT id FROM operator_marks WHERE target_kind = 'claim' AND target = m.target ORDER BY at DESC, id DESC LIMIT 1)
                """)
            .Select(r => new OperatorDecision(r.Target, r.Mark, r.Operator, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Note)).ToList();
    }

    /// <summary>Authors' track records from the standing mark of each of their posts.</summary>
    public AuthorTrackRecords TrackRecords()
    {
        using var c = Open();
        var rows = c.Query<(string Source, string AuthorId, long Confirmed, long Refuted)>(
            $"""
            SELECT source, author_id, sum(mark = '{MarkKinds.Confirmed}'), sum(mark = '{MarkKinds.False}') FROM ({StandingPostMarks})
            WHERE author_id IS NOT NULL GROUP BY source, author_id
            """);
        return new AuthorTrackRecords(rows.Select(r => new KeyValuePair<(string, string), TrackRecord>((r.Source, r.AuthorId), new TrackRecord((int)r.Confirmed, (int)r.Refuted))));
    }

    /// <summary>Marked posts with their stored post and analysis: the training data of the learned score.</summary>
    public IReadOnlyList<LabelledExample> LabelledExamples()
    {
        using var c = Open();
        var rows = c.Query<(string PostJson, string AnalysisJson, string Mark)>(
            $"""
            SELECT p.post_json, p.analysis_json, m.mark FROM ({StandingPostMarks}) m
            JOIN posts p ON p.source = m.source AND p.source_post_id = m.target
            """);
        var examples = new List<LabelledExample>();
        foreach (var r in rows)
        {
            var post = PostJson.DeserializePost(r.PostJson);
            var analysis = PostJson.DeserializeAnalysis(System.Text.Encoding.UTF8.GetBytes(r.AnalysisJson));
            if (post is null || analysis is null) continue;
            examples.Add(new LabelledExample(post, analysis.Reliability, r.Mark == MarkKinds.Confirmed));
        }
        return examples;
    }

    private const string StandingPostMarks =
        """
        SELECT * FROM operator_marks m WHERE target_kind = 'post'
        AND id = (SELECT id FROM operator_marks WHERE target_kind = 'post' AND source = m.source AND target = m.target ORDER BY at DESC, id DESC LIMIT 1)
        AND mark IN ('confirmed', 'false')
        """;

    private sealed record MarkRow(long Id, string Kind, string Source, string Target, string Mark, string Operator, long At, string? Note, string? AuthorId)
    {
        public OperatorMark ToMark() => new(Kind, Source.Length == 0 ? null : Source, Target, Mark, Operator,
            DateTimeOffset.FromUnixTimeMilliseconds(At), Note, AuthorId) { Id = Id };
    }

    // ---------------- Registry ----------------

    public (int Version, IReadOnlyList<RegisteredAccount> Accounts) LoadRegistry()
    {
        using var c = Open();
        int version = c.ExecuteScalar<int>("SELECT coalesce(max(version), 0) FROM registry_versions");
        var accounts = c.Query<AccountRow>("SELECT source, account_id AS AccountId, name, kind, sector, confirmed_reports AS ConfirmedReports, refuted_reports AS RefutedReports FROM registry_accounts ORDER BY source, account_id")
            .Select(r => r.ToAccount()).ToList();
        return (version, accounts);
    }

    /// <summary>Applies a whole change set in one transaction as one new version with one audit row
    /// per changed account, or nothing at all. <paramref name="expectedVersion"/> guards against a
    /// concurrent edit (null = do not check). Returns the new version, or the current one when
    /// nothing changed.</summary>
    public int ApplyRegistry(IReadOnlyList<RegisteredAccount> upserts, IReadOnlyList<(string Source, string AccountId)> deletes,
        string by, string summary, DateTimeOffset at, int? expectedVersion = null)
    {
        using var c = Open();
        using var tx = c.BeginTransaction(deferred: false);
        int current = c.ExecuteScalar<int>("SELECT coalesce(max(version), 0) FROM registry_versions", transaction: tx);
        if (expectedVersion is { } expected && expected != current)
            throw new RegistryConflictException(expected, current);
        var existing = c.Query<AccountRow>("SELECT source, account_id AS AccountId, name, kind, sector, confirmed_reports AS ConfirmedReports, refuted_reports AS RefutedReports FROM registry_accounts", transaction: tx)
            .ToDictionary(r => (r.Source, r.AccountId), r => r.ToAccount());
        var audit = new List<(string Action, RegisteredAccount? Before, RegisteredAccount? After, string Source, string Id)>();
        foreach (var a in upserts)
        {
            var before = existing.GetValueOrDefault((a.Source, a.AccountId));
            if (before == a) continue;
            audit.Add((before is null ? "add" : "update", before, a, a.Source, a.AccountId));
        }
        foreach (var (source, id) in deletes)
            if (existing.TryGetValue((source, id), out var before)) audit.Add(("delete", before, null, source, id));
        if (audit.Count == 0) { tx.Rollback(); return current; }

        int version = current + 1;
        c.Execute("INSERT INTO registry_versions (version, at, by_whom, summary) VALUES (@version, @at, @by, @summary)",
            new { version, at = at.ToUnixTimeMilliseconds(), by, summary }, tx);
        foreach (var (action, before, after, source, id) in audit)
        {
            if (after is null) c.Execute("DELETE FROM registry_accounts WHERE source = @source AND account_id = @id", new { source, id }, tx);
            else c.Execute(
                """
                INSERT INTO registry_accounts (source, account_id, name, kind, sector, confirmed_reports, refuted_reports)
                VALUES (@Source, @AccountId, @Name, @Kind, @Sector, @ConfirmedReports, @RefutedReports)
                ON CONFLICT (source, account_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, sector = excluded.sector,
                    confirmed_reports = excluded.confirmed_reports, refuted_reports = excluded.refuted_reports
                """, after, tx);
            c.Execute("INSERT INTO registry_audit (version, action, source, account_id, before_json, after_json) VALUES (@version, @action, @source, @id, @b, @a)",
                new { version, action, source, id, b = Json(before), a = Json(after) }, tx);
        }
        tx.Commit();
        return version;
    }

    public IReadOnlyList<RegistryVersion> RegistryVersions(int limit = 50)
    {
        using var c = Open();
        var versions = c.Query<(long Version, long At, string By, string Summary)>(
            "SELECT version, at, by_whom, summary FROM registry_versions ORDER BY version DESC LIMIT @limit", new { limit }).ToList();
        var audit = c.Query<(long Version, string Action, string Source, string AccountId, string? Before, string? After)>(
            "SELECT version, action, source, account_id, before_json, after_json FROM registry_audit WHERE version >= @min ORDER BY id",
            new { min = versions.Count == 0 ? 0 : versions[^1].Version }).ToLookup(a => a.Version);
        return versions.Select(v => new RegistryVersion((int)v.Version, DateTimeOffset.FromUnixTimeMilliseconds(v.At), v.By, v.Summary,
            audit[v.Version].Select(a => new RegistryAuditEntry(a.Action, a.Source, a.AccountId, a.Before, a.After)).ToList())).ToList();
    }

    // Readable Japanese in the audit rows; markup characters stay escaped.
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static string? Json(RegisteredAccount? a) => a is null ? null : JsonSerializer.Serialize(a, AuditJson);

    private sealed record AccountRow(string Source, string AccountId, string Name, string Kind, string? Sector, long ConfirmedReports, long RefutedReports)
    {
        public RegisteredAccount ToAccount() => new(Source, AccountId, Name, Kind)
        { Sector = Sector, ConfirmedReports = (int)ConfirmedReports, RefutedReports = (int)RefutedReports };
    }

    // ---------------- Learned models ----------------

    public int NextModelVersion()
    {
        using var c = Open();
        return c.ExecuteScalar<int>("SELECT coalesce(max(version), 0) + 1 FROM reliability_models");
    }

    public void SaveModel(TrainingReport report, string by, DateTimeOffset at)
    {
        var weights = new byte[report.Model.Dimension * sizeof(double)];
        Buffer.BlockCopy(report.Model.Weights.ToArray(), 0, weights, 0, weights.Length);
        using var c = Open();
        c.Execute(
            """
            INSERT INTO reliability_models (version, trained_at, by_whom, train_count, held_out_count, brier_model, brier_rule, auc_model, auc_rule, diagram_json, bias, weights)
            VALUES (@Version, @at, @by, @TrainCount, @HeldOutCount, @BrierModel, @BrierRule, @AucModel, @AucRule, @diagram, @bias, @weights)
            """,
            new
            {
                report.Version, at = at.ToUnixTimeMilliseconds(), by, report.TrainCount, report.HeldOutCount,
                BrierModel = Finite(report.BrierModel), BrierRule = Finite(report.BrierRule), AucModel = Finite(report.AucModel), AucRule = Finite(report.AucRule),
                diagram = JsonSerializer.Serialize(report.Diagram.Select(b => new { b.From, b.To, b.Count, MeanPredicted = Finite(b.MeanPredicted), ObservedRate = Finite(b.ObservedRate) })),
                bias = report.Model.Bias, weights,
            });
    }

    /// <summary>Switches the learned score to <paramref name="version"/>, or back to the rule-based score (null).</summary>
    public void SetActiveModel(int? version)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE reliability_models SET active = (version = @version)", new { version }, tx);
        tx.Commit();
    }

    public IReadOnlyList<StoredModel> Models()
    {
        using var c = Open();
        return c.Query<StoredModel>(
            "SELECT version, trained_at AS TrainedAtMs, by_whom AS By, train_count AS TrainCount, held_out_count AS HeldOutCount, brier_model AS BrierModel, brier_rule AS BrierRule, auc_model AS AucModel, auc_rule AS AucRule, diagram_json AS DiagramJson, active AS Active FROM reliability_models ORDER BY version DESC").ToList();
    }

    public ScoreModel ActiveModel()
    {
        using var c = Open();
        var row = c.QueryFirstOrDefault<(long Version, double Bias, byte[] Weights)>("SELECT version, bias, weights FROM reliability_models WHERE active = 1");
        if (row.Weights is null) return ScoreModel.RuleBased;
        var w = new double[row.Weights.Length / sizeof(double)];
        Buffer.BlockCopy(row.Weights, 0, w, 0, row.Weights.Length);
        return w.Length == ReliabilityFeatures.Dimension ? ScoreModel.Learned((int)row.Version, LogisticModel.FromWeights(w, row.Bias)) : ScoreModel.RuleBased;
    }

    private static double? Finite(double d) => double.IsFinite(d) ? d : null;
}

/// <summary>An operator's mark: on a post ("confirmed" / "false") or a claim ("confirmed" /
/// "debunked" / "unverified" to withdraw). Marks are appended, never edited.</summary>
public sealed record OperatorMark(string Kind, string? Source, string Target, string Mark, string Operator, DateTimeOffset At,
    string? Note = null, string? AuthorId = null)
{
    public long Id { get; init; }
}

public static class MarkKinds
{
    public const string Post = "post";
    public const string Claim = "claim";
    public const string Confirmed = "confirmed";
    public const string False = "false";
}

public sealed record RegistryVersion(int Version, DateTimeOffset At, string By, string Summary, IReadOnlyList<RegistryAuditEntry> Changes);
public sealed record RegistryAuditEntry(string Action, string Source, string AccountId, string? BeforeJson, string? AfterJson);

public sealed record StoredModel
{
    public long Version { get; init; }
    public long TrainedAtMs { get; init; }
    public string By { get; init; } = "";
    public long TrainCount { get; init; }
    public long HeldOutCount { get; init; }
    public double? BrierModel { get; init; }
    public double? BrierRule { get; init; }
    public double? AucModel { get; init; }
    public double? AucRule { get; init; }
    public string DiagramJson { get; init; } = "[]";
    public bool Active { get; init; }
}

public sealed class RegistryConflictException(int expected, int actual)
    : Exception($"the registry changed meanwhile (edited version {expected}, now version {actual}); reload and try again");
