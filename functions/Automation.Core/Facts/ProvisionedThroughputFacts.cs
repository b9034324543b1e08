namespace Automation.Core.Facts;

/// <summary>
/// <c>ProvisionedThroughput</c> of a table or GSI from DescribeTable. Units are capacity units per second
/// (RCU/s, WCU/s). On-demand resources report 0 for both. The decrease bookkeeping drives the decrease budget.
/// </summary>
/// <param name="ReadCapacityUnits">Provisioned RCU (per second).</param>
/// <param name="WriteCapacityUnits">Provisioned WCU (per second).</param>
/// <param name="NumberOfDecreasesToday">Decreases made in the current UTC day, as DynamoDB counts them.</param>
/// <param name="LastDecreaseDateTime">When the last decrease was made; null if never.</param>
/// <param name="LastIncreaseDateTime">When the last increase was made; null if never.</param>
public sealed record ProvisionedThroughputFacts(
    long ReadCapacityUnits,
    long WriteCapacityUnits,
    int NumberOfDecreasesToday,
    DateTimeOffset? LastDecreaseDateTime,
    DateTimeOffset? LastIncreaseDateTime)
{
    /// <summary>An on-demand resource: no provisioned units, no decreases recorded.</summary>
    public static ProvisionedThroughputFacts None { get; } = new(0, 0, 0, null, null);
}
