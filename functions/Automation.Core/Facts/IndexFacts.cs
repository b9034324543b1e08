namespace Automation.Core.Facts;

/// <summary>One global secondary index from DescribeTable, with its own capacity settings.</summary>
/// <param name="IndexName">The GSI name (the <c>GlobalSecondaryIndexName</c> metric dimension).</param>
/// <param name="Status">The index status; only an active index accepts capacity updates.</param>
/// <param name="ProvisionedThroughput">The GSI's own provisioned throughput and decrease bookkeeping.</param>
/// <param name="OnDemandThroughput">The GSI's on-demand maximum, when set.</param>
public sealed record IndexFacts(
    string IndexName,
    ResourceStatus Status,
    ProvisionedThroughputFacts ProvisionedThroughput,
    OnDemandThroughput? OnDemandThroughput);
