using Automation.Core.Alarms;

namespace Automation.Functions.Contracts.AlarmReconcile;

// CloudWatch PutMetricAlarm's request, exactly (PascalCase), holding only the fields the alarm uses: absent fields
// are left out of the JSON, never written as null. The state machine passes it straight to
// arn:aws:states:::aws-sdk:cloudwatch:putMetricAlarm. Shared by alarm-reconcile and threshold-tuning.

/// <summary>The PutMetricAlarm request (a single metric, or metric math in <see cref="Metrics"/>).</summary>
public sealed record PutMetricAlarmRequest(
    [property: JsonPropertyName("AlarmName")] string AlarmName,
    [property: JsonPropertyName("AlarmDescription")] string AlarmDescription,
    [property: JsonPropertyName("ActionsEnabled")] bool ActionsEnabled,
    [property: JsonPropertyName("Namespace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Namespace,
    [property: JsonPropertyName("MetricName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MetricName,
    [property: JsonPropertyName("Dimensions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AlarmDimensionRequest>? Dimensions,
    [property: JsonPropertyName("Period"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Period,
    [property: JsonPropertyName("Statistic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Statistic,
    [property: JsonPropertyName("ExtendedStatistic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExtendedStatistic,
    [property: JsonPropertyName("Metrics"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AlarmMetricDataQueryRequest>? Metrics,
    [property: JsonPropertyName("ComparisonOperator")] string ComparisonOperator,
    [property: JsonPropertyName("Threshold"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Threshold,
    [property: JsonPropertyName("ThresholdMetricId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ThresholdMetricId,
    [property: JsonPropertyName("EvaluationPeriods")] int EvaluationPeriods,
    [property: JsonPropertyName("DatapointsToAlarm")] int DatapointsToAlarm,
    [property: JsonPropertyName("TreatMissingData")] string TreatMissingData,
    [property: JsonPropertyName("Tags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AlarmTagRequest>? Tags)
{
    /// <summary>
    /// The request that writes <paramref name="spec"/>. With <paramref name="withTags"/> the request carries the tags
    /// (PutMetricAlarm applies Tags only when it creates the alarm; an update leaves the existing tags as they are).
    /// </summary>
    public static PutMetricAlarmRequest From(AlarmSpec spec, bool withTags)
    {
        ArgumentNullException.ThrowIfNull(spec);
        SpecMetric? m = spec.Metric;
        return new PutMetricAlarmRequest(
            spec.AlarmName,
            spec.Description,
            ActionsEnabled: true,
            m?.Namespace,
            m?.MetricName,
            m is null ? null : [.. m.Dimensions.Select(AlarmDimensionRequest.From)],
            m?.Period,
            m?.Statistic,
            m?.ExtendedStatistic,
            spec.Metrics is null ? null : [.. spec.Metrics.Select(AlarmMetricDataQueryRequest.From)],
            spec.ComparisonOperator,
            spec.Threshold,
            spec.ThresholdMetricId,
            spec.EvaluationPeriods,
            spec.DatapointsToAlarm,
            spec.TreatMissingData,
            withTags ? [.. spec.Tags.Select(t => new AlarmTagRequest(t.Key, t.Value))] : null);
    }
}

/// <summary><c>{"Name", "Value"}</c>.</summary>
public sealed record AlarmDimensionRequest(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Value")] string Value)
{
    /// <summary>The dimension as CloudWatch spells it.</summary>
    public static AlarmDimensionRequest From(SpecDimension d) => new(d.Name, d.Value);
}

/// <summary><c>{"Key", "Value"}</c>.</summary>
public sealed record AlarmTagRequest(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Value")] string Value);

/// <summary>A metric-math query: <c>{"Id", "Expression"}</c> or <c>{"Id", "MetricStat"}</c>, with Label and ReturnData.</summary>
public sealed record AlarmMetricDataQueryRequest(
    [property: JsonPropertyName("Id")] string Id,
    [property: JsonPropertyName("Expression"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Expression = null,
    [property: JsonPropertyName("MetricStat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AlarmMetricStatRequest? MetricStat = null,
    [property: JsonPropertyName("Label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Label = null,
    [property: JsonPropertyName("ReturnData")] bool ReturnData = true)
{
    /// <summary>The query as CloudWatch spells it.</summary>
    public static AlarmMetricDataQueryRequest From(SpecMetricQuery q) => new(
        q.Id,
        q.Expression,
        q.MetricStat is { } m
            ? new AlarmMetricStatRequest(new AlarmMetricRequest(m.Namespace, m.MetricName, [.. m.Dimensions.Select(AlarmDimensionRequest.From)]), m.Period, m.Stat)
            : null,
        q.Label,
        q.ReturnData);
}

/// <summary><c>{"Metric": {...}, "Period", "Stat"}</c>.</summary>
public sealed record AlarmMetricStatRequest(
    [property: JsonPropertyName("Metric")] AlarmMetricRequest Metric,
    [property: JsonPropertyName("Period")] int Period,
    [property: JsonPropertyName("Stat")] string Stat);

/// <summary><c>{"Namespace", "MetricName", "Dimensions"}</c>.</summary>
public sealed record AlarmMetricRequest(
    [property: JsonPropertyName("Namespace")] string Namespace,
    [property: JsonPropertyName("MetricName")] string MetricName,
    [property: JsonPropertyName("Dimensions")] IReadOnlyList<AlarmDimensionRequest> Dimensions);
