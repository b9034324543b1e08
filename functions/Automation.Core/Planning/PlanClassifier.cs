using Automation.Core.Guardrails;

namespace Automation.Core.Planning;

/// <summary>Reduces a plan to what the state machine branches on. Pure.</summary>
public static class PlanClassifier
{
    /// <summary>
    /// UpdateTable when the plan carries a table update, WriteSharding when it shards keys, else None
    /// (always None for <see cref="RemediationKind.NoAction"/> and <see cref="RemediationKind.AdviseCaching"/>).
    /// </summary>
    public static PlanAction ActionOf(RemediationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Action is RemediationKind.NoAction or RemediationKind.AdviseCaching)
        {
            return PlanAction.None;
        }

        return plan.TableUpdate is not null ? PlanAction.UpdateTable : plan.Sharding.Count > 0 ? PlanAction.WriteSharding : PlanAction.None;
    }

    /// <summary>
    /// For a plan that applies nothing: <see cref="NoActionOutcome.Refused"/> when a guardrail (other than dry-run)
    /// ruled an option out or clipped it to nothing, otherwise <see cref="NoActionOutcome.NoActionNeeded"/>.
    /// Null when the plan has an action.
    /// </summary>
    public static NoActionOutcome? OutcomeIfNotApplied(RemediationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (ActionOf(plan) != PlanAction.None)
        {
            return null;
        }

        if (plan.FalseAlarm)
        {
            return NoActionOutcome.NoActionNeeded;
        }

        foreach (GuardrailNote note in plan.Guardrails)
        {
            if (note.Guardrail != GuardrailKind.DryRun)
            {
                return NoActionOutcome.Refused;
            }
        }

        return NoActionOutcome.NoActionNeeded;
    }
}
