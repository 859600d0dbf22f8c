namespace SnsDashboard.Core.Reliability.Learning;

/// <summary>How good a probability score is on labelled data: Brier score (mean squared error of
/// the probability, lower is better), ROC AUC (ranking of confirmed above false, 0.5 = chance)
/// and a reliability diagram (predicted vs observed frequency per probability bin).</summary>
public static class Calibration
{
    public static double Brier(IReadOnlyList<(double P, bool Label)> scored) =>
        scored.Count == 0 ? double.NaN : scored.Average(s => (s.P - (s.Label ? 1 : 0)) * (s.P - (s.Label ? 1 : 0)));

    /// <summary>Mann–Whitney AUC with ties counted as half; NaN without both classes.</summary>
    public static double Auc(IReadOnlyList<(double P, bool Label)> scored)
    {
        int positives = scored.Count(s => s.Label), negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var sorted = scored.OrderBy(s => s.P).ToArray();
        double rankSum = 0;
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j < sorted.Length && sorted[j].P == sorted[i].P) j++;
            double averageRank = (i + 1 + j) / 2.0; // ranks i+1..j
            for (int k = i; k < j; k++) if (sorted[k].Label) rankSum += averageRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    public static IReadOnlyList<ReliabilityBin> Diagram(IReadOnlyList<(double P, bool Label)> scored, int bins = 10)
    {
        var result = new List<ReliabilityBin>(bins);
        for (int b = 0; b < bins; b++)
        {
            double lo = (double)b / bins, hi = (double)(b + 1) / bins;
            var inBin = scored.Where(s => s.P >= lo && (s.P < hi || (b == bins - 1 && s.P <= hi))).ToList();
            result.Add(new ReliabilityBin(lo, hi, inBin.Count,
                inBin.Count == 0 ? double.NaN : inBin.Average(s => s.P),
                inBin.Count == 0 ? double.NaN : inBin.Count(s => s.Label) / (double)inBin.Count));
        }
        return result;
    }
}

/// <summary>One bin of a reliability diagram: mean predicted probability vs observed share confirmed.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanPredicted, double ObservedRate);
