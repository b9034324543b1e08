using System.Text.Json;

namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// RecordIncidentStep's input: one timeline entry, plus any findings to set on the incident.
/// Duration is <c>durationMs</c> if given, else <c>finishedAt − startedAt</c>, else the time until recording.
/// <c>approval</c> records an operator's approval and resumes an incident that was AwaitingApproval.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordIncidentStepInput(
    string? IncidentId = null,
    string? Step = null,
    DateTimeOffset? StartedAt = null,
    long? DurationMs = null,
    DateTimeOffset? FinishedAt = null,
    string? InputSummary = null,
    JsonElement? Result = null,
    bool? Ok = null,
    string? Error = null,
    DiagnosisFinding? Diagnosis = null,
    PlanFinding? Plan = null,
    ActionFinding? Action = null,
    VerificationFinding? Verification = null,
    ApprovalFinding? Approval = null)
{
    public RecordedStepCommand Validate(DateTimeOffset now)
    {
        var incidentId = StepInput.IncidentId(IncidentId);
        var step = StepInput.Text(Step, "step", StepInput.MaxStepNameLength);
        var startedAt = IncidentTimestamps.Normalize(StepInput.Required(StartedAt, "startedAt"));
        var ok = Ok ?? true;
        if (ok && Error is not null)
        {
            throw InputError.Field("error", "is set, but 'ok' is not false: say ok=false for a failed step");
        }

        var entry = new TimelineEntry(
            step,
            startedAt,
            Duration(startedAt, now),
            ok,
            StepInput.OptionalText(InputSummary, "inputSummary", StepInput.MaxSummaryLength),
            BoundedJson.From(Result, BoundedJson.TimelineFieldBytes),
            StepInput.OptionalText(Error, "error", StepInput.MaxSummaryLength),
            null);
        var findings = new IncidentFindings(Diagnosis?.ToRecord(), Plan?.ToRecord(), Action?.ToRecord(), Verification?.ToRecord());
        var approvedBy = Approval is null ? null : StepInput.Text(Approval.ApprovedBy, "approval.approvedBy", ApprovalFinding.MaxApproverLength);
        var comment = StepInput.OptionalText(Approval?.Comment, "approval.comment", StepInput.MaxSummaryLength);
        return new RecordedStepCommand(incidentId, entry, findings, approvedBy, comment);
    }

    private long Duration(DateTimeOffset startedAt, DateTimeOffset now)
    {
        if (DurationMs is { } given)
        {
            return given >= 0 ? given : throw InputError.Field("durationMs", "must not be negative");
        }

        if (FinishedAt is { } finishedAt)
        {
            var ms = (long)(finishedAt - startedAt).TotalMilliseconds;
            return ms >= 0 ? ms : throw InputError.Field("finishedAt", "is before startedAt");
        }

        // Measured to the recording: an upper bound, and never negative under clock skew.
        return Math.Max(0, (long)(now - startedAt).TotalMilliseconds);
    }
}

/// <summary>A validated RecordIncidentStep request.</summary>
public sealed record RecordedStepCommand(string IncidentId, TimelineEntry Entry, IncidentFindings Findings, string? ApprovedBy = null, string? ApprovalComment = null);
