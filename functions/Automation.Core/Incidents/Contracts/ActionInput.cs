using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary>
/// <c>{"summary": "...", "applied": true, "appliedAt": "...", "capacityModeChange": "ProvisionedToOnDemand", "detail": {...}}</c>.
/// <c>capacityModeChange</c> is what feeds the table's mode-switch history.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ActionInput(string? Summary, bool? Applied, DateTimeOffset? AppliedAt, CapacityModeChange? CapacityModeChange, JsonElement? Detail)
{
    public ActionRecord ToRecord(string field = "action")
    {
        var summary = IncidentInputs.Text(Summary, field + ".summary", IncidentInputs.MaxSummaryLength);
        var applied = IncidentInputs.Required(Applied, field + ".applied");
        if (applied && AppliedAt is null)
        {
            throw IncidentInputError.Field(field + ".appliedAt", "is required when the action was applied");
        }

        if (!applied && CapacityModeChange is not null)
        {
            throw IncidentInputError.Field(field + ".capacityModeChange", "is set, but the action was not applied: only a real switch counts against the daily limit");
        }

        return new ActionRecord(
            summary,
            applied,
            AppliedAt is { } at ? IncidentTimestamps.Normalize(at) : null,
            CapacityModeChange,
            BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
    }
}
