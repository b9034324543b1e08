namespace Automation.Core.Planning;

/// <summary>What a <see cref="CapacityAdjustment"/> changes.</summary>
public enum AdjustmentKind
{
    /// <summary>Provisioned RCU/WCU per second (subject to the decrease quota when lowered).</summary>
    ProvisionedCapacity,

    /// <summary>An on-demand maximum (OnDemandThroughput), request units per second; -1 = none.</summary>
    OnDemandMaximum,
}
