using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary>
/// RecordIncidentStep's input: one timeline entry, plus any findings to set on the incident.
/// Duration is <c>durationMs</c> if given, else <c>finishedAt − startedAt</c>, else the time until recording.
/// <c>approval</c> records an operator's approval and resumes an incident that was AwaitingApproval.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordIncidentStepInput(
    string? IncidentId,
    string? Step,
    DateTimeOffset? StartedAt,
    long? DurationMs,
    DateTimeOffset? FinishedAt,
    string? InputSummary,
    JsonElement? Result,
    bool? Ok,
    string? Error,
    DiagnosisInput? Diagnosis,
    PlanInput? Plan,
    ActionInput? Action,
    VerificationInput? Verification,
    ApprovalInput? Approval)
{
    public RecordedStepCommand Validate(DateTimeOffset now)
    {
        var incidentId = IncidentInputs.IncidentId(IncidentId);
        var step = IncidentInputs.Text(Step, "step", IncidentInputs.MaxStepNameLength);
        var startedAt = IncidentTimestamps.Normalize(IncidentInputs.Required(StartedAt, "startedAt"));
        var ok = Ok ?? true;
        if (ok && Error is not null)
        {
            throw IncidentInputError.Field("error", "is set, but 'ok' is not false: say ok=false for a failed step");
        }

        var entry = new TimelineEntry(
            step,
            startedAt,
            Duration(startedAt, now),
            ok,
            IncidentInputs.OptionalText(InputSummary, "inputSummary", IncidentInputs.MaxSummaryLength),
            BoundedJson.From(Result, BoundedJson.TimelineFieldBytes),
            IncidentInputs.OptionalText(Error, "error", IncidentInputs.MaxSummaryLength),
            null);
        var findings = new IncidentFindings(Diagnosis?.ToRecord(), Plan?.ToRecord(), Action?.ToRecord(), Verification?.ToRecord());
        var approvedBy = Approval is null ? null : IncidentInputs.Text(Approval.ApprovedBy, "approval.approvedBy", ApprovalInput.MaxApproverLength);
        var comment = IncidentInputs.OptionalText(Approval?.Comment, "approval.comment", IncidentInputs.MaxSummaryLength);
        return new RecordedStepCommand(incidentId, entry, findings, approvedBy, comment);
    }

    private long Duration(DateTimeOffset startedAt, DateTimeOffset now)
    {
        if (DurationMs is { } given)
        {
            return given >= 0 ? given : throw IncidentInputError.Field("durationMs", "must not be negative");
        }

        if (FinishedAt is { } finishedAt)
        {
            var ms = (long)(finishedAt - startedAt).TotalMilliseconds;
            return ms >= 0 ? ms : throw IncidentInputError.Field("finishedAt", "is before startedAt");
        }

        // Measured to the recording: an upper bound, and never negative under clock skew.
        return Math.Max(0, (long)(now - startedAt).TotalMilliseconds);
    }
}

/// <summary>A validated RecordIncidentStep request.</summary>
public sealed record RecordedStepCommand(string IncidentId, TimelineEntry Entry, IncidentFindings Findings, string? ApprovedBy, string? ApprovalComment);
