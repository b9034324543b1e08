using Automation.Core.Facts;

namespace Automation.Benchmarks;

/// <summary>
/// Realistic inputs: a provisioned table with 3 GSIs, every metric the workflow fetches for each resource
/// (13 series × 4 resources) with 60 one-minute datapoints each, and Contributor Insights reports with 10 top keys.
/// </summary>
public static class BenchmarkScenarios
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Indexes = ["ByCustomer", "ByStatus", "ByDate"];

    /// <summary>Table write capacity exhausted (500 WCU), noise on the other resources.</summary>
    public static ThrottlingFacts CapacityExhausted() => Build(write: 500, tableWriteReason: DynamoDbMetric.WriteProvisionedThroughputThrottleEvents, consumedWrite: 495);

    /// <summary>One key over its partition limit on a roomy table.</summary>
    public static ThrottlingFacts HotKey() => Build(write: 6000, tableWriteReason: DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents, consumedWrite: 1800);

    private static ThrottlingFacts Build(long write, DynamoDbMetric tableWriteReason, double consumedWrite)
    {
        var random = new Random(42);
        var indexes = Indexes.Select(name => new IndexFacts(name, ResourceStatus.Active, new ProvisionedThroughputFacts(800, 400, 1, Start.AddHours(-9), null), null)).ToList();
        var table = new TableFacts("Orders", ResourceStatus.Active, CapacityMode.Provisioned, new ProvisionedThroughputFacts(2000, write, 2, Start.AddHours(-5), Start.AddHours(-1)), null, indexes);
        var metrics = new List<MetricSeries>();
        foreach (string? resource in new string?[] { null }.Concat(Indexes))
        {
            foreach (DynamoDbMetric metric in Enum.GetValues<DynamoDbMetric>().Where(m => m is not DynamoDbMetric.ReadThrottleEvents and not DynamoDbMetric.WriteThrottleEvents))
            {
                double perMinute = metric switch
                {
                    DynamoDbMetric.ConsumedWriteCapacityUnits => (resource is null ? consumedWrite : 200) * 60,
                    DynamoDbMetric.ConsumedReadCapacityUnits => 700 * 60,
                    DynamoDbMetric.ProvisionedReadCapacityUnits => resource is null ? 2000 : 800,
                    DynamoDbMetric.ProvisionedWriteCapacityUnits => resource is null ? write : 400,
                    DynamoDbMetric.ThrottledRequests when resource is null => 300,
                    _ when metric == tableWriteReason && resource is null => 300,
                    DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents => 2, // background noise
                    _ => 0,
                };
                var statistic = metric is DynamoDbMetric.ProvisionedReadCapacityUnits or DynamoDbMetric.ProvisionedWriteCapacityUnits ? MetricStatistic.Average : MetricStatistic.Sum;
                var points = Enumerable.Range(0, 60).Select(i => new MetricDatapoint(Start.AddMinutes(i), perMinute * (0.8 + (0.4 * random.NextDouble())))).ToList();
                metrics.Add(new MetricSeries(metric, resource, statistic, 60, points));
            }
        }

        var keys = Enumerable.Range(0, 10).Select(i => $"customer#{i * 37}").ToList();
        ContributorInsightsReport Report(ContributorInsightsRule rule, double top, double rest) => new(
            rule, null, Start, Start.AddHours(1), top + (rest * 12),
            keys.Select((k, i) => new KeyContribution(k, null, i == 0 ? top : rest)).ToList());

        return new ThrottlingFacts(
            table, Start, Start.AddHours(1), metrics,
            [Report(ContributorInsightsRule.PartitionKeyAccessed, 2_400 * 3600.0, 40 * 3600.0), Report(ContributorInsightsRule.PartitionKeyThrottled, 12_000, 100)],
            [Start.AddHours(-30)]);
    }
}
