namespace Consultant.Bench;

/// <summary>Percentiles over recorded durations (milliseconds).</summary>
internal sealed class LatencyStats(IEnumerable<double> samples)
{
    private readonly double[] sorted = samples.Order().ToArray();

    public int Count => sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => sorted.Length == 0 ? 0 : sorted[^1];

    private double Percentile(double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
