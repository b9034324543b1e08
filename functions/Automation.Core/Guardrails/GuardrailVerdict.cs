namespace Automation.Core.Guardrails;

/// <summary>The outcome of re-checking a plan against fresh facts just before applying it.</summary>
public enum GuardrailVerdict
{
    /// <summary>Apply <see cref="GuardrailCheckResult.EffectiveUpdate"/> and/or the sharding changes.</summary>
    Proceed,

    /// <summary>The fresh facts already show every target (a retry or duplicate delivery): apply nothing, succeed.</summary>
    AlreadyApplied,

    /// <summary>The plan has no action (false alarm, advice only).</summary>
    NothingToApply,

    /// <summary>The plan is a dry run: record it, apply nothing.</summary>
    DryRun,

    /// <summary>A guardrail refuses the plan; see <see cref="GuardrailCheckResult.Reason"/>.</summary>
    Refused,
}
