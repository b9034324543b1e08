namespace HostBench;

/// <summary>Mean and order statistics (nearest-rank method, no interpolation).</summary>
internal static class Statistics
{
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static double P90(IEnumerable<double> values) => Percentile(values, 90);

    public static double Mean(IEnumerable<double> values) => values.Average();
}
