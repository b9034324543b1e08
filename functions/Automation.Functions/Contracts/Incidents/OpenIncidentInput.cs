namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// OpenIncident's input: NormalizeTrigger's <c>trigger</c>, and the execution from the context
/// object (<c>"executionArn.$": "$$.Execution.Id"</c>, <c>"startedAt.$": "$$.Execution.StartTime"</c>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OpenIncidentInput(IncidentTrigger? Trigger = null, string? ExecutionArn = null, DateTimeOffset? StartedAt = null)
{
    public (IncidentTrigger Trigger, ExecutionLink Execution, DateTimeOffset StartedAt) Validate() =>
        (StepInput.Trigger(Trigger), ExecutionLink.FromArn(ExecutionArn), StepInput.Required(StartedAt, "startedAt"));
}
