using System.Text.Json;
using Automation.Core.Facts;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Functions.Mapping;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>BuildMetricQueries</c>: the trigger and DescribeTable's Table → the GetMetricData request the state machine
/// sends as is. Which metrics and which window: <see cref="MetricQueryPlanner"/>.
/// </summary>
public sealed partial class BuildMetricQueriesHandler(StepServices services) : IStepHandler
{
    private const string DynamoDbNamespace = "AWS/DynamoDB";

    private readonly ILogger _logger = services.Loggers.CreateLogger<BuildMetricQueriesHandler>();

    public string Name => "BuildMetricQueries";

    public Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BuildMetricQueriesInput input = IncidentInputs.Parse(inputJson, StepJsonContext.Default.BuildMetricQueriesInput);
        var trigger = IncidentInputs.Trigger(input.Trigger);
        TableFacts table = DescribeTableMapper.Map(input.Table);
        if (!string.Equals(table.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw IncidentInputError.Field("table.TableName", $"is '{table.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        DescribeTableMapper.RequireIndex(table, trigger.IndexName);
        MetricQueryPurpose purpose = input.Purpose switch
        {
            "diagnose" => MetricQueryPurpose.Diagnose,
            "verify" => MetricQueryPurpose.Verify,
            _ => throw IncidentInputError.Field("purpose", $"must be \"diagnose\" or \"verify\", got '{input.Purpose}'"),
        };
        DateTimeOffset now = IncidentInputs.Required(input.Now, "now");

        MetricQueryPlan plan = MetricQueryPlanner.Plan(table, now, purpose, input.WindowMinutes, input.PeriodSeconds);
        var queries = plan.Queries.Select(q => ToMetricDataQuery(q, table.TableName, plan.PeriodSeconds)).ToList();
        LogPlanned(purpose, table.TableName, queries.Count, plan.PeriodSeconds, plan.StartTime, plan.EndTime);

        var output = new BuildMetricQueriesOutput(plan.StartTime, plan.EndTime, plan.PeriodSeconds, queries, plan.Queries);
        return Task.FromResult(JsonSerializer.Serialize(output, StepJsonContext.Default.BuildMetricQueriesOutput));
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
