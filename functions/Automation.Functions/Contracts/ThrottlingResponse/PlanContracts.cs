using Automation.Core.Facts;
using Automation.Core.Planning;

namespace Automation.Functions.Contracts.ThrottlingResponse;

/// <summary>
/// Plan's input: <c>{"trigger", "incidentId", "diagnosis", "facts", "now", "scalableTargets"?}</c> (diagnosis and facts
/// from Diagnose; scalableTargets: DescribeScalableTargets of the table and its GSIs, absent: none).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanInput(
    IncidentTrigger? Trigger = null,
    string? IncidentId = null,
    Core.Diagnosis.ThrottleDiagnosis? Diagnosis = null,
    ThrottlingFacts? Facts = null,
    DateTimeOffset? Now = null,
    IReadOnlyList<ScalableTarget>? ScalableTargets = null)
{
    /// <summary>The checked input: the diagnosis must be about the trigger's table.</summary>
    public (IncidentTrigger Trigger, string IncidentId, Core.Diagnosis.ThrottleDiagnosis Diagnosis, ThrottlingFacts Facts, DateTimeOffset Now) Validate()
    {
        var trigger = StepInput.Trigger(Trigger);
        string incidentId = StepInput.IncidentId(IncidentId);
        var diagnosis = StepInput.Required(Diagnosis, "diagnosis");
        var facts = StepInput.Required(Facts, "facts");
        DateTimeOffset now = StepInput.Required(Now, "now");
        if (!string.Equals(diagnosis.TableName, trigger.TableName, StringComparison.Ordinal))
        {
            throw InputError.Field("diagnosis.tableName", $"is '{diagnosis.TableName}' but the trigger is about '{trigger.TableName}'");
        }

        if (ScalableTargetsInput.Checked(ScalableTargets, facts.Table.TableName) is { } targets)
        {
            facts = facts with { ScalableTargets = targets };
        }

        return (trigger, incidentId, diagnosis, facts, now);
    }
}

/// <summary>
/// Plan's output. <c>action</c> is what the state machine branches on; <c>outcomeIfNotApplied</c> is set only when
/// <c>action</c> is None (NoActionNeeded: false alarm or nothing to do; Refused: guardrails ruled every option out).
/// </summary>
public sealed record PlanOutput(
    RemediationPlan Plan,
    PlanAction Action,
    bool RequiresApproval,
    bool DryRun,
    NoActionOutcome? OutcomeIfNotApplied,
    string Summary);
