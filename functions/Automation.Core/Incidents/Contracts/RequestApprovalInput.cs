using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary>
/// RequestApproval's input, from a <c>lambda:invoke.waitForTaskToken</c> task:
/// <c>{"incidentId": "...", "taskToken.$": "$$.Task.Token", "plan": {"summary", "detail"}, "timeoutSeconds": 3600}</c>.
/// <c>timeoutSeconds</c> should be the task's own TimeoutSeconds; it is recorded as the approval's expiry.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RequestApprovalInput(string? IncidentId, string? TaskToken, PlanInput? Plan, int? TimeoutSeconds)
{
    public (string IncidentId, string TaskToken, PlanRecord Plan, TimeSpan? Timeout) Validate()
    {
        var incidentId = IncidentInputs.IncidentId(IncidentId);
        var token = IncidentInputs.Text(TaskToken, "taskToken", IncidentInputs.MaxTaskTokenLength);
        var plan = IncidentInputs.Required(Plan, "plan").ToRecord();
        if (TimeoutSeconds is <= 0)
        {
            throw IncidentInputError.Field("timeoutSeconds", "must be positive");
        }

        return (incidentId, token, plan, TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }
}
