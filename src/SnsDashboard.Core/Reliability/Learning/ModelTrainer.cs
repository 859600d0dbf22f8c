using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Reliability.Learning;

/// <summary>A post an operator judged: confirmed (true) or false (a rumour, a wrong report), with
/// the rule-based grade it had.</summary>
public sealed record LabelledExample(Post Post, ReliabilityGrade RuleGrade, bool Confirmed);

/// <summary>
/// Trains the learned score on operators' marks and measures it on a held-out share that the
/// training never sees. The split is by a hash of the post key, so a post stays on the same side
/// across retrainings. The rule-based score is measured on the same held-out posts, so the report
/// says whether the model is worth switching on.
/// </summary>
public static class ModelTrainer
{
    public const int MinimumExamples = 20;

    public static TrainingReport Train(IReadOnlyList<LabelledExample> examples, int version, int heldOutPercent = 25)
    {
        if (examples.Count < MinimumExamples)
            throw new InvalidOperationException($"need at least {MinimumExamples} marked posts to train, have {examples.Count}");
        var train = new List<(SparseFeatures, bool)>();
        var test = new List<(SparseFeatures X, bool Label, double RuleScore)>();
        foreach (var e in examples)
        {
            var rule = RuleGrade(e.RuleGrade);
            var x = ReliabilityFeatures.Extract(e.Post, TextNormaliser.Normalise(e.Post.Text).Value, rule);
            if (IsHeldOut(e.Post.Key, heldOutPercent)) test.Add((x, e.Confirmed, rule.Score));
            else train.Add((x, e.Confirmed));
        }
        if (train.Count == 0 || train.All(t => t.Item2) || train.All(t => !t.Item2))
            throw new InvalidOperationException("the training share needs both confirmed and false marks");
        var model = LogisticModel.Train(train, ReliabilityFeatures.Dimension);
        var byModel = test.Select(t => (model.Predict(t.X), t.Label)).ToList();
        var byRule = test.Select(t => (t.RuleScore, t.Label)).ToList();
        return new TrainingReport(version, model, train.Count, test.Count,
            Calibration.Brier(byModel), Calibration.Brier(byRule), Calibration.Auc(byModel), Calibration.Auc(byRule),
            Calibration.Diagram(byModel));
    }

    /// <summary>The grade without any learned adjustment (the stored score may be a model's).</summary>
    public static ReliabilityGrade RuleGrade(ReliabilityGrade g) =>
        g with
        {
            Score = ReliabilityGrader.Score(g.Source.Length > 0 ? g.Source[0] : 'F', g.Credibility),
            Reasons = g.Reasons.Where(r => !r.StartsWith("learned_model:", StringComparison.Ordinal)).ToList(),
        };

    public static bool IsHeldOut(PostKey key, int percent)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in key.ToString()) { h ^= c; h *= 1099511628211UL; }
        return (int)(h % 100) < percent;
    }
}

/// <summary>The trained model and its held-out measurements next to the rule-based score's.</summary>
public sealed record TrainingReport(
    int Version, LogisticModel Model, int TrainCount, int HeldOutCount,
    double BrierModel, double BrierRule, double AucModel, double AucRule, IReadOnlyList<ReliabilityBin> Diagram);
