using System.Text.Json;

namespace Automation.Functions.Contracts.Incidents;

/// <summary><c>{"summary": "WCU 400 → 1200 on Orders", "detail": {...the plan step's output...}}</c></summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanFinding(string? Summary = null, JsonElement? Detail = null)
{
    public PlanRecord ToRecord(string field = "plan") =>
        new(StepInput.Text(Summary, field + ".summary", StepInput.MaxSummaryLength), BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
}
