namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// RecordIncidentFailure's input, from a Catch: <c>{"incidentId": "..." | null, "failedStep": "ApplyPlan",
/// "error": {"Error", "Cause"}}</c>. Without an incident id (the failure came before OpenIncident finished),
/// <c>trigger</c>, <c>executionArn</c> and <c>startedAt</c> let the step open the incident to record it;
/// without those either, the failure is only logged and echoed.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordIncidentFailureInput(
    string? IncidentId = null,
    IncidentTrigger? Trigger = null,
    string? ExecutionArn = null,
    DateTimeOffset? StartedAt = null,
    string? FailedStep = null,
    StepFunctionsError? Error = null)
{
    public const int MaxErrorLength = 256;

    public RecordedFailureCommand Validate()
    {
        var error = StepInput.Required(Error, "error");
        var errorName = StepInput.Text(error.Error, "error.Error", MaxErrorLength);
        var step = StepInput.OptionalText(FailedStep, "failedStep", StepInput.MaxStepNameLength);
        if (IncidentId is not null)
        {
            return new RecordedFailureCommand(StepInput.IncidentId(IncidentId), null, errorName, error.Cause, step);
        }

        if (Trigger is null)
        {
            return new RecordedFailureCommand(null, null, errorName, error.Cause, step);
        }

        var opening = (StepInput.Trigger(Trigger), ExecutionLink.FromArn(ExecutionArn), StepInput.Required(StartedAt, "startedAt"));
        return new RecordedFailureCommand(null, opening, errorName, error.Cause, step);
    }
}

/// <summary>
/// A validated RecordIncidentFailure request: an incident id, or the trigger to open one with, or neither.
/// </summary>
public sealed record RecordedFailureCommand(
    string? IncidentId,
    (IncidentTrigger Trigger, ExecutionLink Execution, DateTimeOffset StartedAt)? Opening,
    string Error,
    string? Cause,
    string? FailedStep);
