using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Reliability.Learning;
using SnsDashboard.Core.Text;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Reliability;

public class LearningTests
{
    [Fact]
    public void Auc_and_brier_match_hand_computed_values()
    {
        (double, bool)[] scored = [(0.9, true), (0.8, false), (0.7, true), (0.1, false)];
        // Pairs (pos, neg): (0.9,0.8) (0.9,0.1) (0.7,0.8) (0.7,0.1) → 3 of 4 ranked right.
        Assert.Equal(0.75, Calibration.Auc(scored), 10);
        Assert.Equal((0.01 + 0.64 + 0.09 + 0.01) / 4, Calibration.Brier(scored), 10);
        Assert.Equal(0.5, Calibration.Auc([(0.5, true), (0.5, false)]), 10);
        Assert.True(double.IsNaN(Calibration.Auc([(0.5, true)])));
    }

    [Fact]
    public void Reliability_diagram_bins_predictions_and_observed_rates()
    {
        var bins = Calibration.Diagram([(0.05, false), (0.15, false), (0.95, true), (0.92, false), (1.0, true)], bins: 10);
        Assert.Equal(10, bins.Count);
        Assert.Equal(1, bins[0].Count);
        Assert.Equal(3, bins[9].Count);
        Assert.Equal(2 / 3.0, bins[9].ObservedRate, 10);
        Assert.True(double.IsNaN(bins[5].MeanPredicted));
    }

    [Fact]
    public void Logistic_regression_learns_a_separable_signal_deterministically()
    {
        var data = new List<(SparseFeatures, bool)>();
        for (int i = 0; i < 200; i++)
        {
            var f = new SparseFeatures();
            bool positive = i % 2 == 0;
            f.Set(positive ? 1 : 2, 1);
            f.Set(3 + i % 5, 1); // noise
            data.Add((f, positive));
        }
        var a = LogisticModel.Train(data, 16);
        var b = LogisticModel.Train(data, 16);
        Assert.Equal(a.Weights, b.Weights);
        var pos = new SparseFeatures(); pos.Set(1, 1);
        var neg = new SparseFeatures(); neg.Set(2, 1);
        Assert.True(a.Predict(pos) > 0.9);
        Assert.True(a.Predict(neg) < 0.1);
    }

    [Fact]
    public void Online_update_moves_the_prediction_towards_the_label()
    {
        var model = new LogisticModel(8);
        var x = new SparseFeatures(); x.Set(4, 1);
        double before = model.Predict(x);
        model.Update(x, label: true, learningRate: 0.5, l2: 0);
        Assert.True(model.Predict(x) > before);
        Assert.Equal(0.5, before, 10);
    }

    private static LabelledExample Example(int i, bool confirmed)
    {
        var text = confirmed ? $"益城町木山{i}丁目で住宅が倒壊しています、今目の前で" : $"熊本の動物園から{i}頭のライオンが逃げたらしい拡散希望";
        var post = Make(text, $"e{i}", $"a{i}") with { Media = confirmed ? [new PostMedia { Type = "image" }] : [] };
        var grade = confirmed ? new ReliabilityGrade("F", 2, 0.55, ["unknown_account", "photo_or_video_attached"])
                              : new ReliabilityGrade("F", 5, 0.2, ["unknown_account", "known_hoax_pattern:lion_escaped", "learned_model:v1:0.20→0.10"]);
        return new LabelledExample(post, grade, confirmed);
    }

    [Fact]
    public void Trainer_reports_held_out_calibration_next_to_the_rules_and_never_trains_on_the_held_out_posts()
    {
        var examples = Enumerable.Range(0, 120).Select(i => Example(i, i % 3 != 0)).ToList();
        var report = ModelTrainer.Train(examples, version: 4);
        Assert.Equal(4, report.Version);
        Assert.Equal(120, report.TrainCount + report.HeldOutCount);
        Assert.Equal(examples.Count(e => ModelTrainer.IsHeldOut(e.Post.Key, 25)), report.HeldOutCount);
        Assert.InRange(report.HeldOutCount, 15, 45);
        Assert.True(report.AucModel > 0.95);
        Assert.True(report.BrierModel < report.BrierRule, $"model {report.BrierModel} vs rules {report.BrierRule}");
        Assert.Equal(10, report.Diagram.Count);
    }

    [Fact]
    public void Trainer_refuses_too_few_or_one_sided_marks()
    {
        Assert.Throws<InvalidOperationException>(() => ModelTrainer.Train(Enumerable.Range(0, 5).Select(i => Example(i, true)).ToList(), 1));
        Assert.Throws<InvalidOperationException>(() => ModelTrainer.Train(Enumerable.Range(0, 40).Select(i => Example(i, true)).ToList(), 1));
    }

    [Fact]
    public void Rule_grade_strips_a_previous_models_score_and_reason()
    {
        var g = ModelTrainer.RuleGrade(new ReliabilityGrade("B", 2, 0.93, ["media_account:NHK", "learned_model:v2:0.80→0.93"]));
        Assert.Equal(0.8, g.Score);
        Assert.Equal(["media_account:NHK"], g.Reasons);
    }

    [Fact]
    public void Score_model_adjusts_only_the_score_and_the_rule_switch_leaves_the_grade_alone()
    {
        var examples = Enumerable.Range(0, 80).Select(i => Example(i, i % 2 == 0)).ToList();
        var model = ScoreModel.Learned(3, ModelTrainer.Train(examples, 3).Model);
        var post = Make("熊本の動物園から3頭のライオンが逃げたらしい拡散希望");
        var grade = new ReliabilityGrade("F", 5, 0.2, ["unknown_account", "known_hoax_pattern:lion_escaped"]);
        var learned = model.Apply(post, TextNormaliser.Normalise(post.Text), grade);
        Assert.Equal("F5", learned.Code);
        Assert.StartsWith("learned_model:v3:0.20→", learned.Reasons[^1]);
        Assert.True(learned.Score < 0.5);
        Assert.Same(grade, ScoreModel.RuleBased.Apply(post, TextNormaliser.Normalise(post.Text), grade));
    }
}
