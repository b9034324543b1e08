using Automation.Core.Errors;

namespace Automation.Core.Facts;

/// <summary>
/// Decides which CloudWatch series the diagnosis (or the verification) needs and over which window. Pure.
/// <list type="bullet">
/// <item>Diagnose, per resource: the eight per-reason throttle metrics, the legacy Read/WriteThrottleEvents (the
/// demand estimate falls back on them), ConsumedRead/WriteCapacityUnits, and for the table ThrottledRequests.
/// That is 13 series for the table and 12 per GSI. Provisioned capacity is not fetched: DescribeTable gives it.</item>
/// <item>Verify, per resource: the throttle counts only (11 for the table, 10 per GSI).</item>
/// <item>Every series uses statistic Sum (counts and consumed capacity; a period's Sum / period = rate).</item>
/// </list>
/// Budget: at most <see cref="MaxQueries"/> queries (GetMetricData's limit) and at most <see cref="MaxDatapoints"/>
/// datapoints in the whole answer, so one call returns everything (GetMetricData pages only past 100,800
/// datapoints) and the raw answer stays well inside Step Functions' 256 KB state limit (about 35 bytes a
/// datapoint as JSON: 3,000 → ~105 KB at worst, and CloudWatch omits empty periods). When the series × periods
/// would exceed the budget, the period is widened in whole minutes until it fits (reported in the plan).
/// Default windows: 30 minutes to diagnose, 10 to verify; default period 60 s.
/// </summary>
public static class MetricQueryPlanner
{
    /// <summary>GetMetricData accepts at most 500 queries per call.</summary>
    public const int MaxQueries = 500;

    /// <summary>Datapoint budget of one answer (series × periods): fits one page and the 256 KB state limit.</summary>
    public const int MaxDatapoints = 3000;

    public const int DefaultDiagnoseWindowMinutes = 30;
    public const int DefaultVerifyWindowMinutes = 10;
    public const int DefaultPeriodSeconds = 60;
    public const int MaxWindowMinutes = 1440;

    private static readonly DynamoDbMetric[] ThrottleCounts =
    [
        DynamoDbMetric.ReadProvisionedThroughputThrottleEvents, DynamoDbMetric.WriteProvisionedThroughputThrottleEvents,
        DynamoDbMetric.ReadKeyRangeThroughputThrottleEvents, DynamoDbMetric.WriteKeyRangeThroughputThrottleEvents,
        DynamoDbMetric.ReadMaxOnDemandThroughputThrottleEvents, DynamoDbMetric.WriteMaxOnDemandThroughputThrottleEvents,
        DynamoDbMetric.ReadAccountLimitThrottleEvents, DynamoDbMetric.WriteAccountLimitThrottleEvents,
        DynamoDbMetric.ReadThrottleEvents, DynamoDbMetric.WriteThrottleEvents,
    ];

    private static readonly DynamoDbMetric[] Consumption = [DynamoDbMetric.ConsumedReadCapacityUnits, DynamoDbMetric.ConsumedWriteCapacityUnits];

    /// <summary>Plans the queries for <paramref name="table"/> and its GSIs, for a window ending at <paramref name="now"/>.</summary>
    /// <exception cref="AutomationException">InvalidInput naming <c>windowMinutes</c> or <c>periodSeconds</c> when out of range.</exception>
    public static MetricQueryPlan Plan(TableFacts table, DateTimeOffset now, MetricQueryPurpose purpose, int? windowMinutes = null, int? periodSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        int window = windowMinutes ?? (purpose == MetricQueryPurpose.Diagnose ? DefaultDiagnoseWindowMinutes : DefaultVerifyWindowMinutes);
        Require(window is >= 1 and <= MaxWindowMinutes, "windowMinutes", $"must be 1 to {MaxWindowMinutes} minutes (got {window})");
        int period = periodSeconds ?? DefaultPeriodSeconds;
        Require(period >= 60 && period % 60 == 0 && period <= window * 60, "periodSeconds",
            $"must be a multiple of 60 seconds, at most the window of {window} minutes (got {period})");

        var series = new List<(DynamoDbMetric Metric, string? IndexName)>();
        AddResource(series, null, purpose);
        foreach (IndexFacts index in table.GlobalSecondaryIndexes)
        {
            AddResource(series, index.IndexName, purpose);
        }

        if (series.Count > MaxQueries)
        {
            throw new AutomationException(ErrorTypes.InvalidInput,
                $"Table '{table.TableName}' has {table.GlobalSecondaryIndexes.Count} GSIs: {series.Count} series exceed GetMetricData's {MaxQueries} queries per call.")
            { Field = "table.GlobalSecondaryIndexes" };
        }

        while ((long)series.Count * PeriodsIn(window, period) > MaxDatapoints)
        {
            period += 60; // wider periods keep the answer in one page and under the state limit
        }

        DateTimeOffset end = FloorToMinute(now);
        var queries = new List<MetricQuery>(series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            queries.Add(new MetricQuery($"m{i}", series[i].Metric, series[i].IndexName, MetricStatistic.Sum));
        }

        return new MetricQueryPlan(end.AddMinutes(-window), end, period, queries);
    }

    private static void AddResource(List<(DynamoDbMetric, string?)> series, string? indexName, MetricQueryPurpose purpose)
    {
        // ThrottledRequests is a per-request count published for the table only.
        if (indexName is null)
        {
            series.Add((DynamoDbMetric.ThrottledRequests, null));
        }

        foreach (DynamoDbMetric metric in ThrottleCounts)
        {
            series.Add((metric, indexName));
        }

        if (purpose == MetricQueryPurpose.Diagnose)
        {
            foreach (DynamoDbMetric metric in Consumption)
            {
                series.Add((metric, indexName));
            }
        }
    }

    private static int PeriodsIn(int windowMinutes, int periodSeconds) => (int)Math.Ceiling(windowMinutes * 60.0 / periodSeconds);

    private static DateTimeOffset FloorToMinute(DateTimeOffset t)
    {
        DateTimeOffset utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new AutomationException(ErrorTypes.InvalidInput, $"Invalid input: '{field}' {problem}.") { Field = field };
        }
    }
}
