using System.Text.Json.Serialization;
using Automation.Core.Facts;
using Automation.Core.Planning;
using Automation.Core.Triggers;

namespace Automation.Functions.Contracts;

/// <summary>Plan's input: <c>{"trigger", "incidentId", "diagnosis", "facts", "now"}</c> (diagnosis and facts from Diagnose).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanStepInput(
    IncidentTrigger? Trigger = null,
    string? IncidentId = null,
    Core.Diagnosis.ThrottleDiagnosis? Diagnosis = null,
    ThrottlingFacts? Facts = null,
    DateTimeOffset? Now = null);

/// <summary>
/// Plan's output. <c>action</c> is what the state machine branches on; <c>outcomeIfNotApplied</c> is set only when
/// <c>action</c> is None (NoActionNeeded: false alarm or nothing to do; Refused: guardrails ruled every option out).
/// </summary>
public sealed record PlanStepOutput(
    RemediationPlan Plan,
    PlanAction Action,
    bool RequiresApproval,
    bool DryRun,
    NoActionOutcome? OutcomeIfNotApplied,
    string Summary);
