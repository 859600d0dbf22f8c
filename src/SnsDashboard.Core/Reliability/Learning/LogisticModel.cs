namespace SnsDashboard.Core.Reliability.Learning;

/// <summary>
/// Binary logistic regression over sparse features, trained by stochastic gradient descent with
/// L2 regularisation (written here: ML.NET is not available). P(confirmed | features).
/// Deterministic: the same examples in the same order give the same weights.
/// </summary>
public sealed class LogisticModel
{
    private readonly double[] _weights;

    public LogisticModel(int dimension) => _weights = new double[dimension];

    private LogisticModel(double[] weights, double bias) { _weights = weights; Bias = bias; }

    public double Bias { get; private set; }
    public int Dimension => _weights.Length;
    public IReadOnlyList<double> Weights => _weights;

    public static LogisticModel FromWeights(double[] weights, double bias) => new((double[])weights.Clone(), bias);

    public double Predict(SparseFeatures x) => Sigmoid(Margin(x));

    private double Margin(SparseFeatures x)
    {
        double z = Bias;
        for (int i = 0; i < x.Count; i++) z += _weights[x.IndexAt(i)] * x.ValueAt(i);
        return z;
    }

    /// <summary>One online step on one labelled example (label true = confirmed). L2 is applied
    /// lazily to the touched weights only, so a step costs O(non-zero features).</summary>
    public void Update(SparseFeatures x, bool label, double learningRate, double l2)
    {
        double error = Predict(x) - (label ? 1 : 0);
        for (int i = 0; i < x.Count; i++)
        {
            int j = x.IndexAt(i);
            _weights[j] -= learningRate * (error * x.ValueAt(i) + l2 * _weights[j]);
        }
        Bias -= learningRate * error;
    }

    /// <summary>Full training: <paramref name="epochs"/> passes in a fixed shuffled order (seeded)
    /// with a decaying learning rate.</summary>
    public static LogisticModel Train(IReadOnlyList<(SparseFeatures X, bool Label)> examples, int dimension,
        int epochs = 30, double learningRate = 0.2, double l2 = 1e-4, int seed = 17)
    {
        var model = new LogisticModel(dimension);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        for (int e = 0; e < epochs; e++)
        {
            random.Shuffle(order);
            double rate = learningRate / (1 + 0.2 * e);
            foreach (int i in order) model.Update(examples[i].X, examples[i].Label, rate, l2);
        }
        return model;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
