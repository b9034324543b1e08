using Automation.Core.Access;
using Automation.Core.Diagnosis;
using Automation.Core.Planning;
using Automation.Core.Queries;
using Automation.Core.Safety;
using Automation.Functions.Contracts.Incidents;
using Automation.Functions.Contracts.ThrottlingResponse;
using Automation.Functions.Runbooks;

namespace Automation.Functions.Handlers.ThrottlingResponse;

/// <summary>
/// <c>Plan</c>: diagnosis + facts → <see cref="RemediationPlanner"/> within the guardrails of the runbooks folder (defaults.yaml, segments/*.yaml).
/// Dry run when the trigger asks or the guardrails configure it. The plan carries the query runbooks ready to run for
/// the diagnosis's hot keys (<see cref="ReadyQueries"/>), so the incident record links the alarm to the data, and the
/// on-demand backup to take before applying it (<see cref="BackupPlanner"/>: a sharding change that moves existing items,
/// or a kind the segment's <c>safety.backupBefore</c> lists). A table or GSI that Application Auto Scaling manages
/// (<c>scalableTargets</c>) gets advice, never a capacity change (<see cref="AutoScalingAwareness"/>).
/// </summary>
public sealed partial class PlanHandler(StepServices services, RunbookCatalogProvider runbooks)
    : StepHandler<PlanInput, PlanOutput>(services)
{
    /// <summary>The <c>_HANDLER</c> value that selects this step (template.yaml's <c>Handler</c>).</summary>
    public const string StepName = "Plan";

    public override string Name => StepName;

    public override IReadOnlyList<string> RetryableErrors => RetryableErrorSets.None;

    protected override Task<PlanOutput> RunAsync(PlanInput input, InvocationContext context, CancellationToken cancellationToken)
    {
        var (trigger, incidentId, diagnosis, facts, now) = input.Validate();
        RemediationPlan plan = RemediationPlanner.Plan(diagnosis, facts, runbooks.Policy, now, trigger.DryRun);
        plan = plan with { QueryRunbookInputs = ReadyQueriesFor(diagnosis, incidentId), AccessRequestInputs = ReadyAccessFor(diagnosis, incidentId) };
        plan = BackupPlanner.Attach(plan, runbooks.Catalog.SafetyFor, incidentId);
        PlanAction action = PlanClassifier.ActionOf(plan);
        LogPlanned(incidentId, plan.PlanId, plan.Action, action, plan.RequiresApproval, plan.DryRun, plan.PolicyVersion);
        return Task.FromResult(new PlanOutput(plan, action, plan.RequiresApproval, plan.DryRun, PlanClassifier.OutcomeIfNotApplied(plan), plan.Summary));
    }

    // From alarm to data in one step: the query runbooks that read the hot keys' items, ready to start.
    private IReadOnlyList<QueryRunbookInput> ReadyQueriesFor(ThrottleDiagnosis diagnosis, string incidentId) =>
        [.. diagnosis.HotKeys
            .GroupBy(k => k.IndexName)
            .SelectMany(keys => ReadyQueries.ForHotKeys(runbooks.Catalog, diagnosis.TableName, keys.Key, keys.Select(k => k.PartitionKey), incidentId))
            .Take(ReadyQueries.MaxSuggestions)];

    // The hot keys' break-glass request, ready for the on-call to send (the workflow cannot ask in anyone's name).
    private IReadOnlyList<AccessRequestDraft> ReadyAccessFor(ThrottleDiagnosis diagnosis, string incidentId) =>
        [.. diagnosis.HotKeys
            .GroupBy(k => k.IndexName)
            .SelectMany(keys => ReadyAccessRequests.ForHotKeys(runbooks.Catalog, diagnosis.TableName, keys.Key, keys.Select(k => k.PartitionKey), incidentId))
            .Take(ReadyAccessRequests.MaxDrafts)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: plan {PlanId} {Remediation} (action {Action}, approval {RequiresApproval}, dryRun {DryRun}, guardrails v{PolicyVersion})")]
    private partial void LogPlanned(string incidentId, string planId, RemediationKind remediation, PlanAction action, bool requiresApproval, bool dryRun, int policyVersion);
}
