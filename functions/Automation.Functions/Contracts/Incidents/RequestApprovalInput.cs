namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// RequestApproval's input, from a <c>lambda:invoke.waitForTaskToken</c> task:
/// <c>{"incidentId": "...", "taskToken.$": "$$.Task.Token", "plan": {"summary", "detail"}, "timeoutSeconds": 3600}</c>.
/// <c>timeoutSeconds</c> should be the task's own TimeoutSeconds; it is recorded as the approval's expiry.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RequestApprovalInput(string? IncidentId = null, string? TaskToken = null, PlanFinding? Plan = null, int? TimeoutSeconds = null)
{
    public (string IncidentId, string TaskToken, PlanRecord Plan, TimeSpan? Timeout) Validate()
    {
        var incidentId = StepInput.IncidentId(IncidentId);
        var token = StepInput.Text(TaskToken, "taskToken", StepInput.MaxTaskTokenLength);
        var plan = StepInput.Required(Plan, "plan").ToRecord();
        if (TimeoutSeconds is <= 0)
        {
            throw InputError.Field("timeoutSeconds", "must be positive");
        }

        return (incidentId, token, plan, TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }
}
