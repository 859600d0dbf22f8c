using System.Globalization;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Reliability.Learning;

/// <summary>
/// The score the pipeline attaches to a grade: the rule-based score (<see cref="RuleBased"/>, the
/// default and the fallback switch) or a learned model's probability that operators would confirm
/// the post. The letter and the digit always stay rule-based and explained; the model only
/// adjusts the 0–1 score, and says so in the reasons ("learned_model:v3:0.55→0.71").
/// </summary>
public sealed class ScoreModel
{
    private ScoreModel(int version, LogisticModel? model) { Version = version; Model = model; }

    public static ScoreModel RuleBased { get; } = new(0, null);

    public static ScoreModel Learned(int version, LogisticModel model) => new(version, model);

    public int Version { get; }
    public LogisticModel? Model { get; }
    public bool IsLearned => Model is not null;

    public ReliabilityGrade Apply(Post post, NormalisedText text, ReliabilityGrade grade)
    {
        if (Model is null) return grade;
        double p = Math.Round(Model.Predict(ReliabilityFeatures.Extract(post, text.Value, grade)), 2);
        var note = string.Create(CultureInfo.InvariantCulture, $"learned_model:v{Version}:{grade.Score:0.00}→{p:0.00}");
        return grade with { Score = p, Reasons = [.. grade.Reasons, note] };
    }
}
