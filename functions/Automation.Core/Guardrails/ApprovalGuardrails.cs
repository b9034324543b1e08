namespace Automation.Core.Guardrails;

/// <summary>Which plans need a human's approval before they are applied (YAML section <c>approval</c>).</summary>
/// <param name="MaxIncreaseFactor">A capacity or maximum change to more than current × this needs approval.</param>
/// <param name="MaxIncreaseUnits">A change adding more than this many units/s needs approval.</param>
/// <param name="ShardChanges">Whether any shard change needs approval.</param>
/// <param name="ModeSwitch">Whether a switch to on-demand needs approval.</param>
/// <param name="OnDemandMaximumChanges">Whether any on-demand maximum change needs approval.</param>
public sealed record ApprovalGuardrails(
    double MaxIncreaseFactor,
    long MaxIncreaseUnits,
    bool ShardChanges,
    bool ModeSwitch,
    bool OnDemandMaximumChanges);
