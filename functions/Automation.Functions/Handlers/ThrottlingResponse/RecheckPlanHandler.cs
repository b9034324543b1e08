using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Mapping;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>RecheckPlan</c>: just before any change (UpdateTable or the shard registry), re-checks the plan on a fresh DescribeTable (and Diagnose's metrics)
/// with <see cref="GuardrailCheck"/>, and emits the exact UpdateTable request. Refusals throw the core's typed error
/// (GuardrailRefused; ResourceNotReady while the table or GSI is not ACTIVE; IndexNotFound); a dry-run plan is refused
/// with GuardrailRefused (defence in depth: the state machine never sends one here). ResourceNotReady is not retried
/// as such: the same snapshot would give the same answer, so the ASL waits, reads the table afresh and re-checks.
/// </summary>
public sealed partial class RecheckPlanHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<RecheckPlanInput, RecheckPlanOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "RecheckPlan";

    public override string Name => StepName;

    protected override Task<RecheckPlanOutput> RunAsync(RecheckPlanInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (plan, freshFacts, now) = input.Validate();
        GuardrailCheckResult result = GuardrailCheck.Recheck(plan, freshFacts, runbooks.Policy, now);
        LogChecked(plan.PlanId, result.Verdict, result.Reason, result.Message);
        result.ThrowIfNotApplicable(plan.PlanId);
        (UpdateKind kind, UpdateTableRequest? request) = result.Verdict == GuardrailVerdict.Proceed
            ? UpdateTableRequestMapper.Map(result.EffectiveUpdate)
            : (UpdateKind.None, null);
        return Task.FromResult(new RecheckPlanOutput(kind, request, result.Verdict == GuardrailVerdict.AlreadyApplied, plan.PlanId, result.Message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan {PlanId} re-checked: {Verdict} ({Reason}): {Detail}")]
    private partial void LogChecked(string planId, GuardrailVerdict verdict, GuardrailRefusalReason? reason, string detail);
}
