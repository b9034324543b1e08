namespace Automation.Core.Facts;

/// <summary>
/// One contributor of a GetInsightRuleReport: the key values (plain text) and its approximate aggregate
/// value over the report window (units per <see cref="ContributorInsightsRule"/>).
/// </summary>
/// <param name="PartitionKey">The partition key value.</param>
/// <param name="SortKey">The sort key value, for SKC/SKT rules; otherwise null.</param>
/// <param name="Value">The contributor's <c>ApproximateAggregateValue</c> over the window.</param>
public sealed record KeyContribution(string PartitionKey, string? SortKey, double Value);
