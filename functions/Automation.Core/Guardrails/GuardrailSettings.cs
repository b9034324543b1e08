namespace Automation.Core.Guardrails;

/// <summary>The complete guardrails of one segment (or the defaults): every field has a value.</summary>
/// <param name="Capacity">Provisioned capacity bounds.</param>
/// <param name="OnDemand">Mode switch and on-demand maximum rules.</param>
/// <param name="Sharding">Hot-key sharding bounds.</param>
/// <param name="Approval">When plans need approval.</param>
/// <param name="DryRun">Plans for this segment are recorded, never applied.</param>
/// <param name="PlanMaxAgeMinutes">A plan older than this is refused at re-check (facts have moved on).</param>
/// <param name="Caching">What the reads tolerate, for the cache advised for a read-hot key.</param>
public sealed record GuardrailSettings(
    CapacityGuardrails Capacity,
    OnDemandGuardrails OnDemand,
    ShardingGuardrails Sharding,
    ApprovalGuardrails Approval,
    bool DryRun,
    int PlanMaxAgeMinutes,
    CachingGuardrails Caching)
{
    /// <summary>Built-in defaults, used for any field <c>runbooks/defaults.yaml</c> and the segment files leave out.</summary>
    public static GuardrailSettings Default { get; } = new(
        new CapacityGuardrails(
            Headroom: 1.3,
            MinimumIncreaseFactor: 1.2,
            MaxReadCapacityUnits: 40_000,
            MaxWriteCapacityUnits: 40_000,
            MaxMonthlyCostUsd: 10_000),
        new OnDemandGuardrails(
            SwitchFromProvisioned: OnDemandSwitchPolicy.Never,
            MaxSwitchesPer24Hours: OnDemandGuardrails.DynamoDbSwitchLimitPer24Hours,
            RaiseMaximum: false,
            MaxReadRequestUnits: 40_000,
            MaxWriteRequestUnits: 40_000),
        new ShardingGuardrails(MinShards: 2, MaxShards: 32, Headroom: 1.5, Separator: "#"),
        new ApprovalGuardrails(
            MaxIncreaseFactor: 2.0,
            MaxIncreaseUnits: 10_000,
            ShardChanges: true,
            ModeSwitch: true,
            OnDemandMaximumChanges: true),
        DryRun: false,
        PlanMaxAgeMinutes: 30,
        new CachingGuardrails(ReadsTolerateEventualConsistency: false));
}
