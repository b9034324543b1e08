namespace Automation.Core.Facts;

/// <summary>The metric window and the series to fetch in one GetMetricData call (no NextToken needed: see <see cref="MetricQueryPlanner"/>).</summary>
/// <param name="StartTime">Window start (inclusive), aligned to the minute.</param>
/// <param name="EndTime">Window end (exclusive), aligned to the minute: the current, incomplete minute is left out.</param>
/// <param name="PeriodSeconds">The period of every series (60 or a multiple of it).</param>
/// <param name="Queries">The series, ids unique.</param>
public sealed record MetricQueryPlan(DateTimeOffset StartTime, DateTimeOffset EndTime, int PeriodSeconds, IReadOnlyList<MetricQuery> Queries);
