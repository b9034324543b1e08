using Automation.Core.Errors;
using Automation.Core.Planning;

namespace Automation.Core.Guardrails;

/// <summary>The re-check of a plan against fresh facts.</summary>
/// <param name="Verdict">Proceed, no-op, dry run, or refused.</param>
/// <param name="Reason">Why refused (null unless <see cref="GuardrailVerdict.Refused"/>).</param>
/// <param name="IndexName">The GSI the refusal is about, or null.</param>
/// <param name="Message">One sentence for the incident record.</param>
/// <param name="EffectiveUpdate">
/// The UpdateTable to send, rebuilt on the fresh values: targets already reached are dropped, unchanged halves of a
/// throughput pair carry the fresh value. Null when there is no table-level change to make.
/// </param>
/// <param name="Sharding">Sharding changes to apply (empty when none).</param>
/// <param name="PlanId">The plan checked.</param>
/// <param name="CheckedAt">When.</param>
public sealed record GuardrailCheckResult(
    GuardrailVerdict Verdict,
    GuardrailRefusalReason? Reason,
    string? IndexName,
    string Message,
    TableUpdate? EffectiveUpdate,
    IReadOnlyList<ShardingChange> Sharding,
    string PlanId,
    DateTimeOffset CheckedAt)
{
    /// <summary>The error type a refusal reports to Step Functions.</summary>
    public string? ErrorType => Reason switch
    {
        null => null,
        GuardrailRefusalReason.TableNotActive or GuardrailRefusalReason.IndexNotActive => Errors.ErrorTypes.ResourceNotReady,
        GuardrailRefusalReason.IndexMissing => ErrorTypes.IndexNotFound,
        _ => ErrorTypes.GuardrailRefused,
    };

    /// <summary>Throws <see cref="AutomationException"/> with <see cref="ErrorType"/> when refused; otherwise returns this.</summary>
    /// <summary>
    /// Throws unless the plan may be applied (or already is): a dry-run plan is refused with <c>GuardrailRefused</c>
    /// (defence in depth: the state machine never sends one to be applied), a refusal with its own error type.
    /// </summary>
    public GuardrailCheckResult ThrowIfNotApplicable(string planId)
    {
        if (Verdict == GuardrailVerdict.DryRun)
        {
            throw new AutomationException(ErrorTypes.GuardrailRefused, $"Plan {planId} is a dry run: it is recorded, never applied.") { Field = "plan.dryRun" };
        }

        return ThrowIfRefused();
    }

    public GuardrailCheckResult ThrowIfRefused()
    {
        if (Verdict == GuardrailVerdict.Refused)
        {
            throw new AutomationException(ErrorType!, $"Plan {PlanId} refused ({Reason}): {Message}") { Field = "plan" };
        }

        return this;
    }
}
