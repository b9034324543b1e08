using Automation.Core.Triggers;

namespace Automation.Core.Incidents;

/// <summary>
/// The incident record: one per trigger (idempotency key), written by the workflow's steps and
/// never changed once its status is final. Its history lives in separate <see cref="TimelineEntry"/> items.
/// Value equality matters: a lifecycle change that alters nothing returns an equal record, and
/// the store then writes nothing (that is what makes retries idempotent).
/// </summary>
/// <param name="IncidentId">Derived from the trigger's idempotency key (<see cref="IncidentIds"/>).</param>
/// <param name="Trigger">What started the run (alarm or manual request).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Execution">The owning Step Functions execution and its console link.</param>
/// <param name="OpenedAt">The owning execution's start time.</param>
/// <param name="UpdatedAt">The last change.</param>
/// <param name="Version">Optimistic-lock counter kept by the store (1 when opened).</param>
public sealed record Incident(
    string IncidentId,
    IncidentTrigger Trigger,
    IncidentStatus Status,
    ExecutionLink Execution,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public string TableName => Trigger.TableName;

    public string? IndexName => Trigger.IndexName;

    public DateTimeOffset? ClosedAt { get; init; }

    public DiagnosisRecord? Diagnosis { get; init; }

    public PlanRecord? Plan { get; init; }

    /// <summary>The latest action; earlier ones are in the timeline.</summary>
    public ActionRecord? Action { get; init; }

    /// <summary>How many actions really changed a table.</summary>
    public int ActionsApplied { get; init; }

    public VerificationRecord? Verification { get; init; }

    public ApprovalRecord? Approval { get; init; }

    public FailureRecord? Failure { get; init; }

    /// <summary>One line on how it ended (the closing step's words).</summary>
    public string? Outcome { get; init; }

    /// <summary>From the alarm's state change (or the open time, for manual runs) to verification; set when Mitigated.</summary>
    public long? TimeToMitigateMs { get; init; }

    /// <summary>The time-to-mitigate clock starts when the alarm fired, or when a manual run opened.</summary>
    public DateTimeOffset MitigationClockStart => Trigger.StateTimestamp ?? OpenedAt;

    public bool IsFinal => IncidentTransitions.IsFinal(Status);
}
