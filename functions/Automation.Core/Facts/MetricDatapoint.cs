namespace Automation.Core.Facts;

/// <summary>One datapoint: the start of its period and the statistic's value for that period.</summary>
public sealed record MetricDatapoint(DateTimeOffset Timestamp, double Value);
