namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// Which fields an <see cref="UpdateTableRequest"/> carries: the state machine has one updateTable Task per kind,
/// each passing a fixed set of field paths.
/// </summary>
public enum UpdateKind
{
    /// <summary>Nothing to send.</summary>
    None,

    /// <summary><c>{TableName, ProvisionedThroughput{ReadCapacityUnits, WriteCapacityUnits}}</c>.</summary>
    TableThroughput,

    /// <summary><c>{TableName, GlobalSecondaryIndexUpdates: [{Update: {IndexName, ProvisionedThroughput}}]}</c>.</summary>
    IndexThroughput,

    /// <summary>Both of the above.</summary>
    TableAndIndexThroughput,

    /// <summary><c>{TableName, BillingMode: "PAY_PER_REQUEST", OnDemandThroughput{MaxReadRequestUnits, MaxWriteRequestUnits}}</c> (table without GSIs).</summary>
    SwitchToOnDemand,

    /// <summary>
    /// SwitchToOnDemand plus <c>GlobalSecondaryIndexUpdates: [{Update: {IndexName, OnDemandThroughput}}]</c>: the planner bounds
    /// the cost of every GSI after a switch, so a table with GSIs gets their maxima in the same call.
    /// </summary>
    SwitchToOnDemandWithIndexes,

    /// <summary><c>{TableName, OnDemandThroughput{MaxReadRequestUnits, MaxWriteRequestUnits}}</c>.</summary>
    OnDemandMaximum,

    /// <summary><c>{TableName, GlobalSecondaryIndexUpdates: [{Update: {IndexName, OnDemandThroughput}}]}</c>.</summary>
    IndexOnDemandMaximum,
}
