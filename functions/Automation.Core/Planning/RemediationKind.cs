namespace Automation.Core.Planning;

/// <summary>What a plan does.</summary>
public enum RemediationKind
{
    /// <summary>Nothing to apply (false alarm, unknown cause, guardrail-blocked, or advice only).</summary>
    NoAction,

    /// <summary>Raise provisioned RCU/WCU of the table and/or GSIs.</summary>
    IncreaseProvisionedCapacity,

    /// <summary>Switch the table to on-demand, with maxima that bound the cost.</summary>
    SwitchToOnDemand,

    /// <summary>Raise an on-demand maximum (OnDemandThroughput).</summary>
    RaiseOnDemandMaximum,

    /// <summary>Write-shard hot keys; no table-level change.</summary>
    ShardHotKey,

    /// <summary>
    /// A read-hot key: cache its reads (DAX or an application cache, named in the plan's summary and advice).
    /// Nothing for the workflow to apply: no table change, no shard-registry change (<see cref="PlanAction.None"/>,
    /// closed as <see cref="NoActionOutcome.NoActionNeeded"/>), since sharding does not absorb reads of one item.
    /// </summary>
    AdviseCaching,
}
