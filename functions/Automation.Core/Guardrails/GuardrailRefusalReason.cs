namespace Automation.Core.Guardrails;

/// <summary>Why the re-check refused a plan.</summary>
public enum GuardrailRefusalReason
{
    /// <summary>The plan is older than <c>planMaxAgeMinutes</c>; re-plan from fresh facts.</summary>
    PlanExpired,

    /// <summary>The table is not ACTIVE (retry later: <see cref="Errors.ErrorTypes.ResourceNotReady"/>).</summary>
    TableNotActive,

    /// <summary>A GSI the plan updates is not ACTIVE (retry later).</summary>
    IndexNotActive,

    /// <summary>A GSI the plan updates no longer exists.</summary>
    IndexMissing,

    /// <summary>A GSI was added since planning: a switch to on-demand would leave it without the maxima the plan sets
    /// for every other one (re-plan from fresh facts).</summary>
    IndexAdded,

    /// <summary>The table's capacity mode changed since planning, so the planned kind of change no longer applies.</summary>
    CapacityModeChanged,

    /// <summary>A target is above the (possibly updated) ceiling.</summary>
    AboveCeiling,

    /// <summary>The change would put the table's estimated monthly cost above the cap.</summary>
    AboveCostCap,

    /// <summary>A decrease would exceed DynamoDB's decrease quota of the table or a GSI (the whole UpdateTable is refused).</summary>
    DecreaseBudgetExhausted,

    /// <summary>A decrease while the fresh facts show throttling.</summary>
    DecreaseWhileThrottling,

    /// <summary>The rolling-24 h provisioned → on-demand switch quota is used up.</summary>
    ModeSwitchLimitReached,

    /// <summary>The guardrails no longer allow a switch to on-demand.</summary>
    ModeSwitchNotAllowed,

    /// <summary>A shard count is outside the (possibly updated) bounds.</summary>
    ShardCountOutOfBounds,

    /// <summary>Application Auto Scaling now manages a table or GSI whose provisioned capacity (or mode) the plan changes.</summary>
    AutoScalingManaged,
}
