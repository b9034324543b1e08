using System.Text.Json;
using Automation.Core.Incidents;
using Automation.Core.Incidents.Contracts;
using Automation.Core.Planning;
using Automation.Functions.Contracts;
using Automation.Functions.Host;
using Automation.Functions.Runbooks;
using Microsoft.Extensions.Logging;

namespace Automation.Functions.Handlers;

/// <summary>
/// <c>Plan</c>: diagnosis + facts → <see cref="RemediationPlanner"/> within the guardrails of runbooks/guardrails.yaml.
/// Dry run when the trigger asks or the guardrails configure it.
/// </summary>
public sealed partial class PlanHandler(StepServices services, GuardrailPolicyProvider guardrails) : IStepHandler
{
    private readonly ILogger _logger = services.Loggers.CreateLogger<PlanHandler>();

    public string Name => "Plan";

    public Task<string> HandleAsync(string inputJson, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PlanStepInput input = IncidentInputs.Parse(inputJson, StepJsonContext.Default.PlanStepInput);
        var trigger = IncidentInputs.Trigger(input.Trigger);
        string incidentId = IncidentInputs.IncidentId(input.IncidentId);
        var diagnosis = IncidentInputs.Required(input.Diagnosis, "diagnosis");
        var facts = IncidentInputs.Required(input.Facts, "facts");
        DateTimeOffset now = IncidentInputs.Required(input.Now, "now");
        if (!string.Equals(diagnosis.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw IncidentInputError.Field("diagnosis.tableName", $"is '{diagnosis.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        RemediationPlan plan = RemediationPlanner.Plan(diagnosis, facts, guardrails.Policy, now, trigger.DryRun);
        PlanAction action = PlanClassifier.ActionOf(plan);
        NoActionOutcome? outcome = PlanClassifier.OutcomeIfNotApplied(plan);
        LogPlanned(incidentId, plan.PlanId, plan.Action, action, plan.RequiresApproval, plan.DryRun, plan.PolicyVersion);

        var output = new PlanStepOutput(plan, action, plan.RequiresApproval, plan.DryRun, outcome, plan.Summary);
        return Task.FromResult(JsonSerializer.Serialize(output, StepJsonContext.Default.PlanStepOutput));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: plan {PlanId} {Remediation} (action {Action}, approval {RequiresApproval}, dryRun {DryRun}, guardrails v{PolicyVersion})")]
    private partial void LogPlanned(string incidentId, string planId, RemediationKind remediation, PlanAction action, bool requiresApproval, bool dryRun, int policyVersion);
}
