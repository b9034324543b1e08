using Automation.Core.Facts;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Mapping;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>BuildMetricQueries</c>: the trigger and DescribeTable's Table → the GetMetricData request the state machine
/// sends as is. Which metrics and which window: <see cref="MetricQueryPlanner"/>.
/// </summary>
public sealed partial class BuildMetricQueriesHandler(StepServices services)
    : StepHandler<BuildMetricQueriesInput, BuildMetricQueriesOutput>(services)
{
    private const string DynamoDbNamespace = "AWS/DynamoDB";


    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "BuildMetricQueries";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<BuildMetricQueriesOutput> RunAsync(BuildMetricQueriesInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (table, purpose, now) = input.Validate();
        MetricQueryPlan plan = MetricQueryPlanner.Plan(table, now, purpose, input.WindowMinutes, input.PeriodSeconds);
        var queries = plan.Queries.Select(q => ToMetricDataQuery(q, table.TableName, plan.PeriodSeconds)).ToList();
        LogPlanned(purpose, table.TableName, queries.Count, plan.PeriodSeconds, plan.StartTime, plan.EndTime);
        return Task.FromResult(new BuildMetricQueriesOutput(plan.StartTime, plan.EndTime, plan.PeriodSeconds, queries, plan.Queries)
        {
            ScalableResourceIds = ScalableTarget.ResourceIdsOf(table),
        });
    }

    private static MetricDataQuery ToMetricDataQuery(MetricQuery query, string tableName, int periodSeconds)
    {
        List<MetricDimension> dimensions = [new("TableName", tableName)];
        if (query.IndexName is not null)
        {
            dimensions.Add(new MetricDimension("GlobalSecondaryIndexName", query.IndexName));
        }

        return new MetricDataQuery(
            query.Id,
            new MetricStat(new CloudWatchMetric(DynamoDbNamespace, query.Metric.ToString(), dimensions), periodSeconds, query.Statistic.ToString()),
            ReturnData: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {QueryCount} {Purpose} metric queries for table {TableName} (period {PeriodSeconds} s, {StartTime} to {EndTime})")]
    private partial void LogPlanned(MetricQueryPurpose purpose, string tableName, int queryCount, int periodSeconds, DateTimeOffset startTime, DateTimeOffset endTime);
}
