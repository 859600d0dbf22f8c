using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Reliability.Learning;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Web.Reliability;

/// <summary>Trains the learned score on demand from operators' marks, keeps every version with
/// its held-out calibration, and switches the pipeline between a model and the rule-based score.</summary>
public sealed class ScoreModelService(SqliteReliabilityStore store, SnapshotHolder snapshots, TimeProvider time, ILogger<ScoreModelService> logger)
{
    private readonly Lock _gate = new();

    public ScoreModel Current => snapshots.Current.Model;

    public IReadOnlyList<StoredModel> Models() => store.Models();

    /// <summary>Trains a new version (not activated: an analyst looks at its calibration first).</summary>
    public TrainingReport Train(string by)
    {
        lock (_gate)
        {
            var examples = store.LabelledExamples();
            var report = ModelTrainer.Train(examples, store.NextModelVersion());
            store.SaveModel(report, by, time.GetUtcNow());
            logger.LogInformation("Score model v{Version} trained by {By}: {Train} examples, held-out Brier {Brier:0.000} (rules {Rule:0.000})",
                report.Version, by, report.TrainCount, report.BrierModel, report.BrierRule);
            return report;
        }
    }

    /// <summary>Uses model <paramref name="version"/>, or the rule-based score when null (the fallback switch).</summary>
    public void Use(int? version)
    {
        lock (_gate)
        {
            store.SetActiveModel(version);
            var model = store.ActiveModel();
            snapshots.Update(s => s with { Model = model });
        }
    }

    public void Load()
    {
        var model = store.ActiveModel();
        snapshots.Update(s => s with { Model = model });
    }
}
