using Automation.Core.Facts;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// BuildMetricQueries' input: <c>{"trigger", "table": DescribeTable's Table, "now": $$.State.EnteredTime,
/// "purpose": "diagnose"|"verify", "windowMinutes"?, "periodSeconds"?}</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BuildMetricQueriesInput(
    IncidentTrigger? Trigger = null,
    RawTable? Table = null,
    DateTimeOffset? Now = null,
    string? Purpose = null,
    int? WindowMinutes = null,
    int? PeriodSeconds = null)
{
    /// <summary>The checked input: the table must be the trigger's, and have the trigger's index.</summary>
    public (TableFacts Table, MetricQueryPurpose Purpose, DateTimeOffset Now) Validate()
    {
        var trigger = StepInput.Trigger(Trigger);
        TableFacts table = DescribeTableMapper.Map(Table);
        if (!string.Equals(table.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("table.TableName", $"is '{table.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        DescribeTableMapper.RequireIndex(table, trigger.IndexName);
        MetricQueryPurpose purpose = Purpose switch
        {
            "diagnose" => MetricQueryPurpose.Diagnose,
            "verify" => MetricQueryPurpose.Verify,
            _ => throw InputError.Field("purpose", $"must be \"diagnose\" or \"verify\", got '{Purpose}'"),
        };
        return (table, purpose, StepInput.Required(Now, "now"));
    }
}

/// <summary>
/// BuildMetricQueries' output. <c>metricDataQueries</c> is GetMetricData's request list as is; <c>series</c> says what
/// each id measures (Diagnose and VerifyMitigation read it back as <c>queries</c>).
/// </summary>
public sealed record BuildMetricQueriesOutput(
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int PeriodSeconds,
    IReadOnlyList<MetricDataQuery> MetricDataQueries,
    IReadOnlyList<MetricQuery> Series)
{
    /// <summary>
    /// Application Auto Scaling resource ids of the table and each GSI (<c>table/T</c>, <c>table/T/index/I</c>): what the
    /// state machine asks DescribeScalableTargets about, so the planner knows which capacity Auto Scaling manages.
    /// </summary>
    public IReadOnlyList<string> ScalableResourceIds { get; init; } = [];
}
