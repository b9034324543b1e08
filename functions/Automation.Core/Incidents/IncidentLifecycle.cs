using Automation.Core.Errors;
using Automation.Core.Triggers;

namespace Automation.Core.Incidents;

/// <summary>
/// Every change an incident can go through, as pure functions of the current record. Each one
/// either returns the next record, returns the <em>same</em> record when the change is already
/// there (a retried step), or throws <c>InvalidInput</c> when the change is not allowed in the
/// current status. The store writes only records that differ, under an optimistic lock.
/// </summary>
public static class IncidentLifecycle
{
    public static Incident Open(IncidentTrigger trigger, ExecutionLink execution, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(execution);
        var openedAt = IncidentTimestamps.Normalize(startedAt);
        var normalizedTrigger = trigger with
        {
            StateTimestamp = trigger.StateTimestamp is { } fired ? IncidentTimestamps.Normalize(fired) : null,
        };
        return new Incident(
            IncidentIds.ForIdempotencyKey(trigger.IdempotencyKey),
            normalizedTrigger,
            IncidentStatus.Open,
            execution,
            openedAt,
            openedAt,
            Version: 1);
    }

    /// <summary>Sets the findings a step produced. Only a live incident takes findings.</summary>
    public static Incident RecordFindings(Incident incident, IncidentFindings findings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(findings);
        RequireLive(incident, "record a step on");
        if (findings.IsEmpty)
        {
            return incident;
        }

        if (incident.Status != IncidentStatus.Open)
        {
            throw InputError.Field("incidentId", $"names incident {incident.IncidentId}, which is {incident.Status}: findings can only be recorded while it is Open");
        }

        var action = findings.Action;
        if (action is { Applied: true } && incident.Trigger.DryRun)
        {
            throw InputError.Field("action.applied", "is true, but this incident is a dry run: a dry run never changes a table");
        }

        // A repeated action (the same step retried) is not a second action.
        var newAction = action is not null && action != incident.Action;
        var next = incident with
        {
            Diagnosis = findings.Diagnosis ?? incident.Diagnosis,
            Plan = findings.Plan ?? incident.Plan,
            Action = action ?? incident.Action,
            ActionsApplied = incident.ActionsApplied + (newAction && action!.Applied ? 1 : 0),
            Verification = findings.Verification ?? incident.Verification,
        };
        return Touch(incident, next, now);
    }

    /// <summary>Open → AwaitingApproval, keeping the task token and the plan for the operator.</summary>
    public static Incident RequestApproval(Incident incident, string taskToken, PlanRecord plan, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentException.ThrowIfNullOrEmpty(taskToken);
        ArgumentNullException.ThrowIfNull(plan);
        if (incident.Status == IncidentStatus.AwaitingApproval && incident.Approval?.TaskToken == taskToken)
        {
            return incident;
        }

        // A new token while already waiting means the approval task was retried: the newest token
        // is the one Step Functions waits on.
        if (incident.Status is not (IncidentStatus.Open or IncidentStatus.AwaitingApproval))
        {
            throw NotAllowed(incident, IncidentStatus.AwaitingApproval);
        }

        var requestedAt = IncidentTimestamps.Normalize(now);
        var next = incident with
        {
            Status = IncidentStatus.AwaitingApproval,
            Plan = plan,
            Approval = new ApprovalRecord(requestedAt, taskToken, expiresAt is { } e ? IncidentTimestamps.Normalize(e) : null, null, null, null),
        };
        return Touch(incident, next, now);
    }

    /// <summary>AwaitingApproval → Open: the operator approved; the token is spent and dropped.</summary>
    public static Incident Approve(Incident incident, string approvedBy, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentException.ThrowIfNullOrEmpty(approvedBy);
        if (incident.Status == IncidentStatus.Open && incident.Approval?.ApprovedBy == approvedBy)
        {
            return incident;
        }

        if (incident.Status != IncidentStatus.AwaitingApproval || incident.Approval is null)
        {
            throw InputError.Field("approval", $"was given, but incident {incident.IncidentId} is {incident.Status}, not AwaitingApproval");
        }

        var next = incident with
        {
            Status = IncidentStatus.Open,
            Approval = incident.Approval with
            {
                TaskToken = null,
                ApprovedBy = approvedBy,
                ApprovedAt = IncidentTimestamps.Normalize(now),
                Comment = comment,
            },
        };
        return Touch(incident, next, now);
    }

    /// <summary>
    /// Ends the incident with a final status other than Failed (failures go through <see cref="Fail"/>).
    /// Closing again with the same status is a no-op; closing a closed incident differently is refused.
    /// </summary>
    public static Incident Close(Incident incident, IncidentStatus status, VerificationRecord? verification, string? outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!IncidentTransitions.IsFinal(status) || status == IncidentStatus.Failed)
        {
            throw InputError.Field("status", $"is {status}; closing needs one of Mitigated, NotMitigated, NoActionNeeded, DryRunRecorded, ApprovalTimedOut, Refused (failures go to RecordIncidentFailure)");
        }

        if (incident.Status == status)
        {
            return incident;
        }

        if (!IncidentTransitions.IsAllowed(incident.Status, status))
        {
            throw NotAllowed(incident, status);
        }

        verification ??= incident.Verification;
        var dryRun = incident.Trigger.DryRun;
        if (status == IncidentStatus.DryRunRecorded && !dryRun)
        {
            throw InputError.Field("status", "is DryRunRecorded, but the incident's trigger is not a dry run");
        }

        long? timeToMitigate = null;
        if (status == IncidentStatus.Mitigated)
        {
            if (dryRun)
            {
                throw InputError.Field("status", "is Mitigated, but the incident is a dry run, which changes nothing (use DryRunRecorded)");
            }

            if (verification is not { Mitigated: true })
            {
                throw InputError.Field("verification.mitigated", "must be true to close as Mitigated: no success without a verification that shows it");
            }

            timeToMitigate = TimeToMitigateMs(incident, verification);
        }

        var closedAt = IncidentTimestamps.Normalize(now);
        var next = incident with
        {
            Status = status,
            ClosedAt = closedAt,
            Verification = verification,
            Outcome = outcome,
            TimeToMitigateMs = timeToMitigate,
            Approval = incident.Approval is { } approval ? approval with { TaskToken = null } : null,
        };
        return Touch(incident, next, now);
    }

    /// <summary>
    /// Marks a live incident Failed with the error. The first failure is kept; an incident that
    /// already ended otherwise keeps its status (the failure still goes into its timeline).
    /// </summary>
    public static Incident Fail(Incident incident, FailureRecord failure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(failure);
        if (incident.IsFinal)
        {
            return incident;
        }

        var next = incident with
        {
            Status = IncidentStatus.Failed,
            Failure = failure with { FailedAt = IncidentTimestamps.Normalize(failure.FailedAt) },
            ClosedAt = IncidentTimestamps.Normalize(now),
            Approval = incident.Approval is { } approval ? approval with { TaskToken = null } : null,
        };
        return Touch(incident, next, now);
    }

    /// <summary>Milliseconds from the alarm firing (or the manual open) to the verification.</summary>
    public static long TimeToMitigateMs(Incident incident, VerificationRecord verification)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(verification);
        var elapsed = verification.VerifiedAt - incident.MitigationClockStart;
        if (elapsed < TimeSpan.Zero)
        {
            throw InputError.Field("verification.verifiedAt", $"is {verification.VerifiedAt:O}, before the mitigation clock started ({incident.MitigationClockStart:O})");
        }

        return (long)elapsed.TotalMilliseconds;
    }

    private static void RequireLive(Incident incident, string what)
    {
        if (incident.IsFinal)
        {
            throw InputError.Field("incidentId", $"names incident {incident.IncidentId}, which is already {incident.Status}: cannot {what} a closed incident");
        }
    }

    private static Errors.AutomationException NotAllowed(Incident incident, IncidentStatus to)
    {
        var targets = IncidentTransitions.Targets(incident.Status);
        var allowed = targets.Count == 0 ? "none: it is final" : "allowed: " + string.Join(", ", targets);
        return InputError.Field("status", $"cannot move incident {incident.IncidentId} from {incident.Status} to {to} ({allowed})");
    }

    /// <summary>Returns the unchanged record when nothing changed, so callers can skip the write.</summary>
    private static Incident Touch(Incident before, Incident after, DateTimeOffset now) =>
        after == before ? before : after with { UpdatedAt = IncidentTimestamps.Normalize(now) };
}
