using System.Text.Json;

namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// <c>{"summary": "...", "applied": true, "appliedAt": "...", "capacityModeChange": "ProvisionedToOnDemand", "detail": {...}}</c>.
/// <c>capacityModeChange</c> is what feeds the table's mode-switch history.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ActionFinding(string? Summary = null, bool? Applied = null, DateTimeOffset? AppliedAt = null, CapacityModeChange? CapacityModeChange = null, JsonElement? Detail = null)
{
    public ActionRecord ToRecord(string field = "action")
    {
        var summary = StepInput.Text(Summary, field + ".summary", StepInput.MaxSummaryLength);
        var applied = StepInput.Required(Applied, field + ".applied");
        if (applied && AppliedAt is null)
        {
            throw InputError.Field(field + ".appliedAt", "is required when the action was applied");
        }

        if (!applied && CapacityModeChange is not null)
        {
            throw InputError.Field(field + ".capacityModeChange", "is set, but the action was not applied: only a real switch counts against the daily limit");
        }

        return new ActionRecord(
            summary,
            applied,
            AppliedAt is { } at ? IncidentTimestamps.Normalize(at) : null,
            CapacityModeChange,
            BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
    }
}
