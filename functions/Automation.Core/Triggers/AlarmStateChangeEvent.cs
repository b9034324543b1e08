using System.Text.Json.Serialization;

namespace Automation.Core.Triggers;

// The EventBridge "CloudWatch Alarm State Change" event, as documented in the CloudWatch user
// guide ("Alarm events and EventBridge"). Every property is nullable: the normaliser validates
// presence itself so that a missing field is reported by name, not as a generic parse error.
// AlarmEventReader binds these records by hand (NormalizeTrigger's first invocation); the [JsonPropertyName]s are
// the JSON names it reads, and AlarmEventReaderTests holds it to a source-generated binding of these declarations.

/// <summary>The EventBridge envelope of a CloudWatch alarm state change.</summary>
public sealed record AlarmStateChangeEvent(
    [property: JsonPropertyName("version")] string? Version = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("detail-type")] string? DetailType = null,
    [property: JsonPropertyName("source")] string? Source = null,
    [property: JsonPropertyName("account")] string? Account = null,
    [property: JsonPropertyName("time")] string? Time = null,
    [property: JsonPropertyName("region")] string? Region = null,
    [property: JsonPropertyName("resources")] IReadOnlyList<string>? Resources = null,
    [property: JsonPropertyName("detail")] AlarmDetail? Detail = null);

/// <summary><c>detail</c>: the alarm, its new and previous state, and its configuration.</summary>
public sealed record AlarmDetail(
    [property: JsonPropertyName("alarmName")] string? AlarmName = null,
    [property: JsonPropertyName("state")] AlarmState? State = null,
    [property: JsonPropertyName("previousState")] AlarmState? PreviousState = null,
    [property: JsonPropertyName("configuration")] AlarmConfiguration? Configuration = null);

/// <summary>An alarm state: <c>value</c> is ALARM, OK or INSUFFICIENT_DATA. <c>reasonData</c> is a JSON string.</summary>
public sealed record AlarmState(
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("reasonData")] string? ReasonData = null,
    [property: JsonPropertyName("timestamp")] string? Timestamp = null);

/// <summary>
/// <c>detail.configuration</c>. Single-metric and metric-math alarms carry <c>metrics</c>;
/// composite alarms carry <c>alarmRule</c> instead.
/// </summary>
public sealed record AlarmConfiguration(
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("metrics")] IReadOnlyList<AlarmMetric>? Metrics = null,
    [property: JsonPropertyName("alarmRule")] string? AlarmRule = null);

/// <summary>One entry of <c>configuration.metrics</c>: a metric (<c>metricStat</c>) or a math <c>expression</c>.</summary>
public sealed record AlarmMetric(
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("metricStat")] AlarmMetricStat? MetricStat = null,
    [property: JsonPropertyName("expression")] string? Expression = null,
    [property: JsonPropertyName("returnData")] bool? ReturnData = null);

/// <summary><c>metricStat</c>: the metric, its period in seconds and its statistic.</summary>
public sealed record AlarmMetricStat(
    [property: JsonPropertyName("metric")] AlarmMetricIdentity? Metric = null,
    [property: JsonPropertyName("period")] int? Period = null,
    [property: JsonPropertyName("stat")] string? Stat = null);

/// <summary>The metric's namespace, name and dimensions (a name → value object).</summary>
public sealed record AlarmMetricIdentity(
    [property: JsonPropertyName("namespace")] string? Namespace = null,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("dimensions")] IReadOnlyDictionary<string, string>? Dimensions = null);
