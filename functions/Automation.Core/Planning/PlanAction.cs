namespace Automation.Core.Planning;

/// <summary>What the workflow must do with a plan: the state machine's Choice reads it.</summary>
public enum PlanAction
{
    /// <summary>Nothing to apply.</summary>
    None,

    /// <summary>One DynamoDB UpdateTable (capacity, mode switch or on-demand maximum), after RecheckPlan.</summary>
    UpdateTable,

    /// <summary>Write the shard registry (ApplySharding).</summary>
    WriteSharding,
}
