using System.Text.Json;
using Automation.Core.Errors;
using Automation.Core.Facts;
using Automation.Core.Guardrails;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Functions.Mapping;
using Automation.Functions.Runbooks;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>RecheckPlan</c>: just before UpdateTable, re-checks the plan on a fresh DescribeTable (and Diagnose's metrics)
/// with <see cref="GuardrailCheck"/>, and emits the exact UpdateTable request. Refusals throw the core's typed error
/// (GuardrailRefused; ResourceNotReady while the table or GSI is not ACTIVE; IndexNotFound); a dry-run plan is refused
/// with GuardrailRefused (defence in depth: the state machine never sends one here).
/// </summary>
public sealed partial class RecheckPlanHandler(StepServices services, GuardrailPolicyProvider guardrails) : IStepHandler
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<RecheckPlanHandler>();

    public string Name => "RecheckPlan";

    public Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RecheckPlanInput input = IncidentInputs.Parse(inputJson, StepJsonContext.Default.RecheckPlanInput);
        var plan = IncidentInputs.Required(input.Plan, "plan");
        TableFacts fresh = DescribeTableMapper.Map(input.Table);
        var facts = IncidentInputs.Required(input.Facts, "facts");
        DateTimeOffset now = IncidentInputs.Required(input.Now, "now");
        if (!string.Equals(facts.Table?.TableName, fresh.TableName, StringComparison.Ordinal))
        {
            throw IncidentInputError.Field("table.TableName", $"is '{fresh.TableName}' but the facts describe '{facts.Table?.TableName}'");
        }

        GuardrailCheckResult result = GuardrailCheck.Recheck(plan, facts with { Table = fresh }, guardrails.Policy, now);
        LogChecked(plan.PlanId, result.Verdict, result.Reason, result.Message);
        if (result.Verdict == GuardrailVerdict.DryRun)
        {
            throw new AutomationException(ErrorTypes.GuardrailRefused, $"Plan {plan.PlanId} is a dry run: it is recorded, never applied.") { Field = "plan.dryRun" };
        }

        result.ThrowIfRefused();
        (UpdateKind kind, UpdateTableRequest? request) = result.Verdict == GuardrailVerdict.Proceed
            ? UpdateTableRequestMapper.Map(result.EffectiveUpdate)
            : (UpdateKind.None, null);
        var output = new RecheckPlanOutput(kind, request, result.Verdict == GuardrailVerdict.AlreadyApplied, plan.PlanId, result.Message);
        return Task.FromResult(JsonSerializer.Serialize(output, StepJsonContext.Default.RecheckPlanOutput));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan {PlanId} re-checked: {Verdict} ({Reason}): {Detail}")]
    private partial void LogChecked(string planId, GuardrailVerdict verdict, GuardrailRefusalReason? reason, string detail);
}
