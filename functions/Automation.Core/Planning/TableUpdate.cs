using Automation.Core.Facts;

namespace Automation.Core.Planning;

/// <summary>
/// A single UpdateTable call, shaped like its request so the state machine can pass it through
/// (<c>arn:aws:states:::aws-sdk:dynamodb:updateTable</c>). DynamoDB applies or refuses it whole.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="BillingMode">Set only for a mode switch (<c>PAY_PER_REQUEST</c>); null keeps the mode.</param>
/// <param name="ProvisionedThroughput">The table's new provisioned throughput, or null when unchanged.</param>
/// <param name="OnDemandThroughput">The table's new on-demand maxima, or null when unchanged.</param>
/// <param name="IndexUpdates">GSI updates (empty when none).</param>
/// <param name="Adjustments">Every value changed, with from/to and why.</param>
/// <param name="CurrentMonthlyCostUsd">Estimated monthly capacity cost before (table + GSIs).</param>
/// <param name="EstimatedMonthlyCostUsd">Estimated monthly capacity cost after; on-demand at its maxima.</param>
public sealed record TableUpdate(
    string TableName,
    CapacityMode? BillingMode,
    ThroughputSetting? ProvisionedThroughput,
    OnDemandThroughput? OnDemandThroughput,
    IReadOnlyList<IndexUpdate> IndexUpdates,
    IReadOnlyList<CapacityAdjustment> Adjustments,
    double CurrentMonthlyCostUsd,
    double EstimatedMonthlyCostUsd);
