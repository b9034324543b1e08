using Automation.Core.Facts;
using Automation.Core.Triage;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.AlarmTriage;

/// <summary>
/// BuildTriageQueries' input: <c>{"trigger", "table": DescribeTable's Table, "now": $$.State.EnteredTime,
/// "recentMinutes"?, "baselineMinutes"?, "periodSeconds"?}</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BuildTriageQueriesInput(
    IncidentTrigger? Trigger = null,
    RawTable? Table = null,
    DateTimeOffset? Now = null,
    int? RecentMinutes = null,
    int? BaselineMinutes = null,
    int? PeriodSeconds = null)
{
    public const int DefaultRecentMinutes = 15;
    public const int DefaultBaselineMinutes = 60;
    public const int DefaultPeriodSeconds = 60;

    /// <summary>The checked input: the table must be the trigger's and have the trigger's index.</summary>
    public (IncidentTrigger Trigger, TableFacts Table, DateTimeOffset Now, int RecentMinutes, int BaselineMinutes, int PeriodSeconds) Validate()
    {
        var trigger = StepInput.Trigger(Trigger);
        TableFacts table = DescribeTableMapper.Map(Table);
        if (!string.Equals(table.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("table.TableName", $"is '{table.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        DescribeTableMapper.RequireIndex(table, trigger.IndexName);
        int recent = RecentMinutes ?? DefaultRecentMinutes;
        if (recent is < 5 or > 180)
        {
            throw InputError.Field("recentMinutes", $"must be 5..180, got {recent}");
        }

        int baseline = BaselineMinutes ?? DefaultBaselineMinutes;
        if (baseline is < 15 or > 1440)
        {
            throw InputError.Field("baselineMinutes", $"must be 15..1440, got {baseline}");
        }

        int period = PeriodSeconds ?? DefaultPeriodSeconds;
        if (period is not (60 or 300))
        {
            throw InputError.Field("periodSeconds", $"must be 60 or 300, got {period}");
        }

        return (trigger, table, StepInput.Required(Now, "now"), recent, baseline, period);
    }
}

/// <summary>What one GetMetricData query id measures.</summary>
/// <param name="Id">The query id (t0, t1, ...).</param>
/// <param name="Metric">The metric.</param>
/// <param name="Statistic">Sum, Average or Maximum.</param>
/// <param name="Operation">The Operation dimension, if any.</param>
/// <param name="IndexName">The GlobalSecondaryIndexName dimension, if any.</param>
/// <param name="ReceivingRegion">The ReceivingRegion dimension, if any.</param>
public sealed record TriageQuery(string Id, TriageMetric Metric, MetricStatistic Statistic, string? Operation = null, string? IndexName = null, string? ReceivingRegion = null);

/// <summary>
/// BuildTriageQueries' output: GetMetricData's request (<c>metricDataQueries</c>, <c>startTime</c> = baseline start,
/// <c>endTime</c> = recent end) and the windows the Triage step splits the datapoints by.
/// </summary>
public sealed record BuildTriageQueriesOutput(
    DateTimeOffset StartTime,
    DateTimeOffset RecentStart,
    DateTimeOffset EndTime,
    int PeriodSeconds,
    IReadOnlyList<MetricDataQuery> MetricDataQueries,
    IReadOnlyList<TriageQuery> Series);

/// <summary>
/// Triage's input: the trigger, the incident, DescribeTable's Table, BuildTriageQueries' output as <c>queries</c>,
/// GetMetricData's raw <c>MetricDataResults</c>, and the Contributor Insights reports (optional).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TriageInput(
    IncidentTrigger? Trigger = null,
    string? IncidentId = null,
    RawTable? Table = null,
    BuildTriageQueriesOutput? Queries = null,
    IReadOnlyList<RawMetricDataResult>? MetricDataResults = null,
    ContributorInsightsInput? ContributorInsights = null);

/// <summary>
/// Triage's output: the verdict, one sentence (<c>summary</c>), evidence with numbers, advice, the incident outcome
/// sentence CloseIncident records, and the diagnosis record RecordIncidentStep stores (<c>{kind, explanation}</c>).
/// </summary>
public sealed record TriageOutput(
    TriageVerdict Verdict,
    string Summary,
    IReadOnlyList<TriageFinding> Findings,
    IReadOnlyList<TriageRecommendation> Advice,
    string Outcome,
    TriageDiagnosisRecord Diagnosis);

/// <summary>The diagnosis as the incident stores it: kind <c>Triage.NotDynamoDb</c> etc.</summary>
public sealed record TriageDiagnosisRecord(string Kind, string Explanation);
