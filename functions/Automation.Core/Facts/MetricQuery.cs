namespace Automation.Core.Facts;

/// <summary>One metric series to fetch: the GetMetricData query id and what it measures.</summary>
/// <param name="Id">The GetMetricData <c>Id</c> (<c>m0</c>, <c>m1</c>, ...: CloudWatch wants a lowercase first letter).</param>
/// <param name="Metric">The DynamoDB metric.</param>
/// <param name="IndexName">The GSI (<c>GlobalSecondaryIndexName</c> dimension), or null for the table.</param>
/// <param name="Statistic">The statistic: Sum for counts and consumed capacity.</param>
public sealed record MetricQuery(string Id, DynamoDbMetric Metric, string? IndexName, MetricStatistic Statistic);
