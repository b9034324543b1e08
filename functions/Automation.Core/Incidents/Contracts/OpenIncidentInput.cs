using System.Text.Json.Serialization;
using Automation.Core.Triggers;

namespace Automation.Core.Incidents.Contracts;

/// <summary>
/// OpenIncident's input: NormalizeTrigger's <c>trigger</c>, and the execution from the context
/// object (<c>"executionArn.$": "$$.Execution.Id"</c>, <c>"startedAt.$": "$$.Execution.StartTime"</c>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OpenIncidentInput(IncidentTrigger? Trigger, string? ExecutionArn, DateTimeOffset? StartedAt)
{
    public (IncidentTrigger Trigger, ExecutionLink Execution, DateTimeOffset StartedAt) Validate() =>
        (IncidentInputs.Trigger(Trigger), ExecutionLink.FromArn(ExecutionArn), IncidentInputs.Required(StartedAt, "startedAt"));
}
