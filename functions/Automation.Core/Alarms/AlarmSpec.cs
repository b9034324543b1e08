namespace Automation.Core.Alarms;

/// <summary>
/// One alarm the suite keeps, exactly as PutMetricAlarm will write it (the contract
/// <c>Contracts/AlarmReconcile/PutMetricAlarmRequest</c> is a one-to-one translation). Either a single metric
/// (<see cref="Metric"/>: plain statistic or an ExtendedStatistic such as <c>p99</c>) or metric math
/// (<see cref="Metrics"/>; for the anomaly band <see cref="ThresholdMetricId"/> names the band and
/// <see cref="Threshold"/> is null). Built by <see cref="AlarmSpecBuilder"/>.
/// </summary>
/// <param name="AlarmName"><c>&lt;prefix&gt;&lt;table&gt;[-&lt;index&gt;]-&lt;Kind&gt;[-&lt;operation|region&gt;]</c> (at most 255 characters).</param>
/// <param name="Description">Which runbook answers it, for people; the marker (<see cref="AlarmMarker.Format"/>) is its last line.</param>
/// <param name="Marker">The marker written as the description's last line.</param>
/// <param name="Metric">The single metric, or null for a metric-math alarm.</param>
/// <param name="Metrics">The metric-math queries (exactly one with ReturnData true, or the anomaly band and its metric), or null.</param>
/// <param name="ComparisonOperator">e.g. <c>GreaterThanThreshold</c>; <c>GreaterThanUpperThreshold</c> for the anomaly band.</param>
/// <param name="Threshold">The threshold in force (tuned or the file's), or null for the anomaly band.</param>
/// <param name="ThresholdMetricId">The anomaly band's query id, else null.</param>
/// <param name="EvaluationPeriods">Periods evaluated.</param>
/// <param name="DatapointsToAlarm">Breaching periods among them that fire it.</param>
/// <param name="TreatMissingData">Always <c>notBreaching</c>: DynamoDB publishes throttle and error counts only when non-zero.</param>
/// <param name="Tags">Segment, table, index, kind, stack (written on creation).</param>
public sealed record AlarmSpec(
    string AlarmName,
    string Description,
    AlarmMarker Marker,
    SpecMetric? Metric,
    IReadOnlyList<SpecMetricQuery>? Metrics,
    string ComparisonOperator,
    double? Threshold,
    string? ThresholdMetricId,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    string TreatMissingData,
    IReadOnlyList<AlarmTag> Tags);

/// <summary>A CloudWatch metric with its statistic: <c>Statistic</c> (Sum, Average, Maximum) or <c>ExtendedStatistic</c> (p99).</summary>
/// <param name="Namespace">e.g. <c>AWS/DynamoDB</c>.</param>
/// <param name="MetricName">The metric.</param>
/// <param name="Dimensions">Its dimensions, in a fixed order (TableName first).</param>
/// <param name="Period">Seconds.</param>
/// <param name="Statistic">A plain statistic, or null when <paramref name="ExtendedStatistic"/> is given.</param>
/// <param name="ExtendedStatistic">A percentile such as <c>p99</c>, or null.</param>
public sealed record SpecMetric(
    string Namespace,
    string MetricName,
    IReadOnlyList<SpecDimension> Dimensions,
    int Period,
    string? Statistic,
    string? ExtendedStatistic)
{
    /// <summary>The statistic as a metric-math MetricStat's <c>Stat</c> (plain or percentile).</summary>
    public string Stat => Statistic ?? ExtendedStatistic ?? "Sum";
}

/// <summary>A metric dimension.</summary>
public sealed record SpecDimension(string Name, string Value);

/// <summary>One query of a metric-math alarm: a metric (<paramref name="MetricStat"/>) or an expression.</summary>
/// <param name="Id">Lower-case id (<c>m0</c>, <c>e1</c>, <c>band</c>).</param>
/// <param name="Expression">The expression, or null for a metric.</param>
/// <param name="MetricStat">The metric, or null for an expression.</param>
/// <param name="Label">A label for graphs, or null.</param>
/// <param name="ReturnData">Whether the alarm watches this query.</param>
public sealed record SpecMetricQuery(string Id, string? Expression, SpecMetric? MetricStat, string? Label, bool ReturnData);

/// <summary>A resource tag.</summary>
public sealed record AlarmTag(string Key, string Value);
