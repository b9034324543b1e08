namespace Automation.Core.Facts;

/// <summary>
/// One GetMetricData result: a DynamoDB metric for the table (<paramref name="IndexName"/> null) or one GSI,
/// over the facts window. CloudWatch omits periods with no events, so a missing datapoint means zero.
/// Counts and consumed capacity must use <see cref="MetricStatistic.Sum"/>: a period's Sum divided by
/// <paramref name="PeriodSeconds"/> is the per-second rate.
/// </summary>
/// <param name="Metric">Which metric.</param>
/// <param name="IndexName">The GSI (<c>GlobalSecondaryIndexName</c> dimension), or null for the table.</param>
/// <param name="Statistic">The statistic requested.</param>
/// <param name="PeriodSeconds">The period of each datapoint, in seconds (CloudWatch: 60 or a multiple).</param>
/// <param name="Datapoints">Datapoints in any order.</param>
public sealed record MetricSeries(
    DynamoDbMetric Metric,
    string? IndexName,
    MetricStatistic Statistic,
    int PeriodSeconds,
    IReadOnlyList<MetricDatapoint> Datapoints)
{
    /// <summary>Sum of all datapoint values (for Sum series: the window total).</summary>
    public double Total()
    {
        double total = 0;
        foreach (MetricDatapoint point in Datapoints)
        {
            total += point.Value;
        }

        return total;
    }

    /// <summary>The largest datapoint value, or 0 when there is none.</summary>
    public double Peak()
    {
        double peak = 0;
        foreach (MetricDatapoint point in Datapoints)
        {
            peak = Math.Max(peak, point.Value);
        }

        return peak;
    }

    /// <summary>The busiest period's value as a per-second rate (Sum series only).</summary>
    public double PeakPerSecond() => Peak() / PeriodSeconds;
}
