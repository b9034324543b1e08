using Automation.Core.Triggers;

namespace Automation.Core.Incidents;

/// <summary>
/// The incident steps of the workflow, over an <see cref="IIncidentStore"/>: each applies one
/// <see cref="IncidentLifecycle"/> change and writes the matching timeline entry. Every method may be
/// retried after a partial failure: record changes are no-ops the second time and timeline entries
/// are keyed by (start time, step), so a retry completes what is missing and duplicates nothing.
/// </summary>
public sealed class IncidentRecorder(IIncidentStore store, TimeProvider time)
{
    /// <summary>DynamoDB allows 4 provisioned→on-demand switches per table in any rolling 24 hours.</summary>
    public static readonly TimeSpan ModeSwitchWindow = TimeSpan.FromHours(24);

    public const string OpenStep = "OpenIncident";
    public const string DuplicateStep = "DuplicateDelivery";
    public const string ApprovalStep = "RequestApproval";
    public const string CloseStep = "CloseIncident";
    public const string UnnamedFailedStep = "Workflow";

    public async Task<IncidentOpened> OpenAsync(IncidentTrigger trigger, ExecutionLink execution, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(execution);
        var now = time.GetUtcNow();
        var opening = await store.OpenAsync(IncidentLifecycle.Open(trigger, execution, startedAt), cancellationToken).ConfigureAwait(false);
        var incident = opening.Incident;

        // A Lambda retry of this same execution's open finds its own incident: not a duplicate.
        var duplicate = !opening.Created && incident.Execution.ExecutionArn != execution.ExecutionArn;
        var entry = duplicate
            ? new TimelineEntry(DuplicateStep, IncidentTimestamps.Normalize(startedAt), 0, true,
                $"Execution {execution.ExecutionArn} received the same trigger again; it ended without acting.", null, null, null)
            : new TimelineEntry(OpenStep, incident.OpenedAt, Elapsed(incident.OpenedAt, now), true, Describe(trigger), null, null, null);
        await store.AppendTimelineAsync(incident.IncidentId, entry, cancellationToken).ConfigureAwait(false);

        var switches = await store.ModeSwitchesAsync(
            incident.TableName, CapacityModeChange.ProvisionedToOnDemand, now - ModeSwitchWindow, now, cancellationToken).ConfigureAwait(false);
        return new IncidentOpened(incident, duplicate, [.. switches.Select(s => s.SwitchedAt)]);
    }

    /// <summary>
    /// Appends a step's timeline entry, sets what it found, and (when <paramref name="approvedBy"/> is
    /// given) records the operator's approval that resumes an incident awaiting it.
    /// </summary>
    public async Task<StepRecorded> RecordStepAsync(
        string incidentId, TimelineEntry entry, IncidentFindings findings, string? approvedBy, string? approvalComment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(findings);
        var now = time.GetUtcNow();
        var update = await store.UpdateAsync(
            incidentId,
            incident =>
            {
                var resumed = approvedBy is null ? incident : IncidentLifecycle.Approve(incident, approvedBy, approvalComment, now);
                return IncidentLifecycle.RecordFindings(resumed, findings, now);
            },
            cancellationToken).ConfigureAwait(false);

        if (findings.Action is { Applied: true, ModeChange: { } change, AppliedAt: { } appliedAt })
        {
            await store.RecordModeSwitchAsync(
                new CapacityModeSwitch(update.Incident.TableName, IncidentTimestamps.Normalize(appliedAt), change, incidentId),
                cancellationToken).ConfigureAwait(false);
        }

        var added = await store.AppendTimelineAsync(incidentId, entry, cancellationToken).ConfigureAwait(false);
        return new StepRecorded(update.Incident, added);
    }

    /// <summary>Open → AwaitingApproval with the task token and plan an operator needs.</summary>
    public async Task<Incident> RequestApprovalAsync(
        string incidentId, string taskToken, PlanRecord plan, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = time.GetUtcNow();
        var update = await store.UpdateAsync(
            incidentId, incident => IncidentLifecycle.RequestApproval(incident, taskToken, plan, now + timeout, now), cancellationToken).ConfigureAwait(false);
        var incident = update.Incident;
        var requestedAt = incident.Approval?.RequestedAt ?? IncidentTimestamps.Normalize(now);
        await store.AppendTimelineAsync(
            incidentId,
            new TimelineEntry(ApprovalStep, requestedAt, 0, true, $"Approval requested for plan: {plan.Summary}", plan.DetailJson, null, null),
            cancellationToken).ConfigureAwait(false);
        return incident;
    }

    /// <summary>Ends the incident with a final status; <see cref="IncidentUpdate.Changed"/> is false when it already was.</summary>
    public async Task<IncidentUpdate> CloseAsync(
        string incidentId, IncidentStatus status, VerificationRecord? verification, string? outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var update = await store.UpdateAsync(
            incidentId, incident => IncidentLifecycle.Close(incident, status, verification, outcome, now), cancellationToken).ConfigureAwait(false);
        var incident = update.Incident;
        var ttm = incident.TimeToMitigateMs is { } ms ? $" after {TimeSpan.FromMilliseconds(ms):c} to mitigate" : string.Empty;
        await store.AppendTimelineAsync(
            incidentId,
            new TimelineEntry(CloseStep, incident.ClosedAt ?? IncidentTimestamps.Normalize(now), 0, true,
                $"Closed as {incident.Status}{ttm}{(incident.Outcome is { } o ? ": " + o : string.Empty)}", incident.Verification?.DetailJson, null, null),
            cancellationToken).ConfigureAwait(false);
        return update;
    }

    /// <summary>
    /// Marks the incident Failed with the caught error and adds the failure to its timeline. An
    /// incident that already ended keeps its status; the failure is still added to the timeline.
    /// </summary>
    public async Task<IncidentUpdate> RecordFailureAsync(string incidentId, FailureRecord failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var now = time.GetUtcNow();
        var update = await store.UpdateAsync(incidentId, incident => IncidentLifecycle.Fail(incident, failure, now), cancellationToken).ConfigureAwait(false);

        // Key the entry on the stored failure time when this failure is the stored one, so a retry
        // of this step finds its entry instead of adding a second one.
        var stored = update.Incident.Failure;
        var at = stored is not null && stored.Error == failure.Error && stored.Cause == failure.Cause && stored.Step == failure.Step
            ? stored.FailedAt
            : IncidentTimestamps.Normalize(failure.FailedAt);
        await store.AppendTimelineAsync(
            incidentId,
            new TimelineEntry(failure.Step ?? UnnamedFailedStep, at, 0, false, failure.Message, null, failure.Error, failure.Cause),
            cancellationToken).ConfigureAwait(false);
        return update;
    }

    /// <summary>
    /// A failure before OpenIncident completed: opens the incident from the trigger so the failure
    /// is on record. Returns null when the trigger's incident belongs to another execution (this run
    /// is a duplicate delivery; its failure must not mark the real run's incident).
    /// </summary>
    public async Task<IncidentUpdate?> RecordFailureBeforeOpenAsync(
        IncidentTrigger trigger, ExecutionLink execution, DateTimeOffset startedAt, FailureRecord failure, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(trigger, execution, startedAt, cancellationToken).ConfigureAwait(false);
        return opened.Duplicate
            ? null
            : await RecordFailureAsync(opened.Incident.IncidentId, failure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line for the timeline: what started the run.</summary>
    public static string Describe(IncidentTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var target = trigger.IndexName is null ? $"table {trigger.TableName}" : $"index {trigger.IndexName} of table {trigger.TableName}";
        var mode = trigger.DryRun ? " (dry run)" : string.Empty;
        return trigger.Source == TriggerSource.Alarm
            ? $"Alarm {trigger.AlarmName} ({trigger.MetricName}) on {target} entered ALARM at {trigger.StateTimestamp:O}{mode}"
            : $"Manual request{(trigger.RequestedBy is { } who ? " by " + who : string.Empty)} for {target}{mode}: {trigger.Reason}";
    }

    private static long Elapsed(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(0, (long)(to - from).TotalMilliseconds);
}
