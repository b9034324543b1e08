using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary><c>{"summary": "WCU 400 → 1200 on Orders", "detail": {...the plan step's output...}}</c></summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanInput(string? Summary, JsonElement? Detail)
{
    public PlanRecord ToRecord(string field = "plan") =>
        new(IncidentInputs.Text(Summary, field + ".summary", IncidentInputs.MaxSummaryLength), BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
}
