using System.Text.Json.Serialization;
using Automation.Core.Facts;
using Automation.Core.Triggers;
using Automation.Functions.Mapping;

namespace Automation.Functions.Contracts;

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
    int? PeriodSeconds = null);

/// <summary>
/// BuildMetricQueries' output. <c>metricDataQueries</c> is GetMetricData's request list as is; <c>series</c> says what
/// each id measures (Diagnose and VerifyMitigation read it back as <c>queries</c>).
/// </summary>
public sealed record BuildMetricQueriesOutput(
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int PeriodSeconds,
    IReadOnlyList<MetricDataQuery> MetricDataQueries,
    IReadOnlyList<MetricQuery> Series);
