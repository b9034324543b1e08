using Automation.Core.Alarms;
using Automation.Core.Facts;
using Automation.Core.Triage;
using Automation.Functions.Contracts.AlarmTriage;
using Automation.Functions.Contracts.ThrottlingResponse;

namespace Automation.Functions.Handlers.AlarmTriage;

/// <summary>
/// <c>BuildTriageQueries</c>: the trigger and DescribeTable's Table → the GetMetricData request the state machine
/// sends as is, over a baseline window and the recent (incident) window right after it. Per operation: server-side
/// SuccessfulRequestLatency (Average and Maximum), SystemErrors and ThrottledRequests. When the alarm names one
/// operation, that one only; else latency of the common data-plane ones (<see cref="DefaultOperations"/>) and errors
/// and throttles of every operation DynamoDB reports (<see cref="AlarmDefaults.Operations"/>: the suite's SystemErrors
/// alarm sums over a segment's chosen operations, so a BatchWriteItem error must not read as "not DynamoDB"); for the table (and the alarm's GSI): read and write throttle events;
/// ConditionalCheckFailedRequests; ReplicationLatency when the alarm names a replica region. At most
/// <see cref="MaxQueries"/> queries and far fewer datapoints than one GetMetricData page holds (100,800), so one call
/// answers everything: no pagination needed.
/// </summary>
public sealed partial class BuildTriageQueriesHandler(StepServices services)
    : StepHandler<BuildTriageQueriesInput, BuildTriageQueriesOutput>(services)
{
    private const string DynamoDbNamespace = "AWS/DynamoDB";

    /// <summary>GetMetricData accepts 500 queries; the triage stays far below (at most 41).</summary>
    public const int MaxQueries = 60;

    /// <summary>Operations whose latency is read when the alarm names none.</summary>
    public static readonly IReadOnlyList<string> DefaultOperations = ["GetItem", "PutItem", "UpdateItem", "Query"];

    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "BuildTriageQueries";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<BuildTriageQueriesOutput> RunAsync(BuildTriageQueriesInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (trigger, table, now, recentMinutes, baselineMinutes, period) = input.Validate();
        var end = Floor(now, period);
        var recentStart = end.AddMinutes(-recentMinutes);
        var start = recentStart.AddMinutes(-baselineMinutes);
        var series = Plan(trigger, table);
        var queries = series.Select(q => ToMetricDataQuery(q, table.TableName, period)).ToList();
        LogPlanned(table.TableName, trigger.IndexName, queries.Count, start, recentStart, end);
        return Task.FromResult(new BuildTriageQueriesOutput(start, recentStart, end, period, queries, series));
    }

    /// <summary>Which series to read for this trigger (pure).</summary>
    public static IReadOnlyList<TriageQuery> Plan(IncidentTrigger trigger, TableFacts table)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(table);
        var list = new List<TriageQuery>();
        void Add(TriageMetric m, MetricStatistic s, string? op = null, string? index = null, string? region = null) =>
            list.Add(new TriageQuery($"t{list.Count}", m, s, op, index, region));

        bool named = trigger.Operation is { Length: > 0 };
        IReadOnlyList<string> latencyOperations = named ? [trigger.Operation!] : DefaultOperations;
        foreach (var operation in latencyOperations)
        {
            Add(TriageMetric.SuccessfulRequestLatency, MetricStatistic.Average, operation);
            Add(TriageMetric.SuccessfulRequestLatency, MetricStatistic.Maximum, operation);
        }

        foreach (var operation in named ? latencyOperations : AlarmDefaults.Operations)
        {
            Add(TriageMetric.SystemErrors, MetricStatistic.Sum, operation);
            Add(TriageMetric.ThrottledRequests, MetricStatistic.Sum, operation);
        }

        Add(TriageMetric.ReadThrottleEvents, MetricStatistic.Sum);
        Add(TriageMetric.WriteThrottleEvents, MetricStatistic.Sum);
        if (trigger.IndexName is { } index)
        {
            Add(TriageMetric.ReadThrottleEvents, MetricStatistic.Sum, index: index);
            Add(TriageMetric.WriteThrottleEvents, MetricStatistic.Sum, index: index);
        }

        Add(TriageMetric.ConditionalCheckFailedRequests, MetricStatistic.Sum);
        if (trigger.ReceivingRegion is { Length: > 0 } region)
        {
            Add(TriageMetric.ReplicationLatency, MetricStatistic.Average, region: region);
            Add(TriageMetric.ReplicationLatency, MetricStatistic.Maximum, region: region);
        }

        return list.Count <= MaxQueries ? list : list.Take(MaxQueries).ToList();
    }

    private static DateTimeOffset Floor(DateTimeOffset t, int periodSeconds)
    {
        var utc = t.ToUniversalTime();
        long s = utc.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(s - (s % periodSeconds));
    }

    private static MetricDataQuery ToMetricDataQuery(TriageQuery query, string tableName, int periodSeconds)
    {
        List<MetricDimension> dimensions = [new("TableName", tableName)];
        if (query.IndexName is not null)
        {
            dimensions.Add(new MetricDimension("GlobalSecondaryIndexName", query.IndexName));
        }

        if (query.Operation is not null)
        {
            dimensions.Add(new MetricDimension("Operation", query.Operation));
        }

        if (query.ReceivingRegion is not null)
        {
            dimensions.Add(new MetricDimension("ReceivingRegion", query.ReceivingRegion));
        }

        return new MetricDataQuery(
            query.Id,
            new MetricStat(new CloudWatchMetric(DynamoDbNamespace, query.Metric.ToString(), dimensions), periodSeconds, query.Statistic.ToString()),
            ReturnData: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {QueryCount} triage metric queries for table {TableName} index {IndexName} (baseline from {StartTime}, recent {RecentStart} to {EndTime})")]
    private partial void LogPlanned(string tableName, string? indexName, int queryCount, DateTimeOffset startTime, DateTimeOffset recentStart, DateTimeOffset endTime);
}
