using Automation.Core.Facts;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// Diagnose's input: the trigger, DescribeTable's Table, BuildMetricQueries' output as <c>queries</c>, GetMetricData's
/// raw <c>MetricDataResults</c>, Contributor Insights reports and the table's recent on-demand switches.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DiagnoseInput(
    IncidentTrigger? Trigger = null,
    string? IncidentId = null,
    RawTable? Table = null,
    BuildMetricQueriesOutput? Queries = null,
    IReadOnlyList<RawMetricDataResult>? MetricDataResults = null,
    ContributorInsightsInput? ContributorInsights = null,
    IReadOnlyList<DateTimeOffset>? OnDemandSwitches = null)
{
    /// <summary>The checked input, mapped to the facts the diagnosis is made from.</summary>
    public (string IncidentId, ThrottlingFacts Facts) Validate()
    {
        var trigger = StepInput.Trigger(Trigger);
        string incidentId = StepInput.IncidentId(IncidentId);
        TableFacts table = DescribeTableMapper.Map(Table);
        if (!string.Equals(table.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("table.TableName", $"is '{table.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        DescribeTableMapper.RequireIndex(table, trigger.IndexName);
        BuildMetricQueriesOutput queries = StepInput.Required(Queries, "queries");
        IReadOnlyList<MetricSeries> metrics = MetricDataMapper.Map(queries, MetricDataResults);
        IReadOnlyList<ContributorInsightsReport> reports = InsightRuleReportMapper.Map(ContributorInsights, table, queries.StartTime, queries.EndTime);
        return (incidentId, new ThrottlingFacts(table, queries.StartTime, queries.EndTime, metrics, reports, OnDemandSwitches ?? []));
    }
}

/// <summary>
/// <c>{"status": "ENABLED"|"DISABLED"|null, "reports": [...]}</c>: DescribeContributorInsights' status and one
/// GetInsightRuleReport answer per rule.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ContributorInsightsInput(string? Status = null, IReadOnlyList<InsightRuleReportInput>? Reports = null);

/// <summary>
/// One rule's report. <c>indexName</c> (optional) names the GSI the rule watches, else it is read from the rule name;
/// <c>startTime</c>/<c>endTime</c> (optional) are the window the report was asked for, else the queries' window.
/// <c>reportError</c> instead of <c>report</c>: GetInsightRuleReport failed (the ASL's Catch put its error there); top
/// keys are optional evidence, so that rule is left out.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record InsightRuleReportInput(
    string? RuleName = null,
    string? IndexName = null,
    DateTimeOffset? StartTime = null,
    DateTimeOffset? EndTime = null,
    RawInsightRuleReport? Report = null,
    Incidents.StepFunctionsError? ReportError = null);

/// <summary>Diagnose's output: the diagnosis, the facts it was made from (Plan and RecheckPlan read them), a summary.</summary>
public sealed record DiagnoseOutput(Core.Diagnosis.ThrottleDiagnosis Diagnosis, ThrottlingFacts Facts, string Summary);
