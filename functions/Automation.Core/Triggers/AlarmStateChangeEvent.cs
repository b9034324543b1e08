using System.Text.Json.Serialization;

namespace Automation.Core.Triggers;

// The EventBridge "CloudWatch Alarm State Change" event, as documented in the CloudWatch user
// guide ("Alarm events and EventBridge"). Every property is nullable: the normaliser validates
// presence itself so that a missing field is reported by name, not as a generic parse error.

/// <summary>The EventBridge envelope of a CloudWatch alarm state change.</summary>
public sealed record AlarmStateChangeEvent(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("detail-type")] string? DetailType,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("account")] string? Account,
    [property: JsonPropertyName("time")] string? Time,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("resources")] IReadOnlyList<string>? Resources,
    [property: JsonPropertyName("detail")] AlarmDetail? Detail);

/// <summary><c>detail</c>: the alarm, its new and previous state, and its configuration.</summary>
public sealed record AlarmDetail(
    [property: JsonPropertyName("alarmName")] string? AlarmName,
    [property: JsonPropertyName("state")] AlarmState? State,
    [property: JsonPropertyName("previousState")] AlarmState? PreviousState,
    [property: JsonPropertyName("configuration")] AlarmConfiguration? Configuration);

/// <summary>An alarm state: <c>value</c> is ALARM, OK or INSUFFICIENT_DATA. <c>reasonData</c> is a JSON string.</summary>
public sealed record AlarmState(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("reasonData")] string? ReasonData,
    [property: JsonPropertyName("timestamp")] string? Timestamp);

/// <summary>
/// <c>detail.configuration</c>. Single-metric and metric-math alarms carry <c>metrics</c>;
/// composite alarms carry <c>alarmRule</c> instead.
/// </summary>
public sealed record AlarmConfiguration(
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("metrics")] IReadOnlyList<AlarmMetric>? Metrics,
    [property: JsonPropertyName("alarmRule")] string? AlarmRule);

/// <summary>One entry of <c>configuration.metrics</c>: a metric (<c>metricStat</c>) or a math <c>expression</c>.</summary>
public sealed record AlarmMetric(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("metricStat")] AlarmMetricStat? MetricStat,
    [property: JsonPropertyName("expression")] string? Expression,
    [property: JsonPropertyName("returnData")] bool? ReturnData);

/// <summary><c>metricStat</c>: the metric, its period in seconds and its statistic.</summary>
public sealed record AlarmMetricStat(
    [property: JsonPropertyName("metric")] AlarmMetricIdentity? Metric,
    [property: JsonPropertyName("period")] int? Period,
    [property: JsonPropertyName("stat")] string? Stat);

/// <summary>The metric's namespace, name and dimensions (a name → value object).</summary>
public sealed record AlarmMetricIdentity(
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("dimensions")] IReadOnlyDictionary<string, string>? Dimensions);
