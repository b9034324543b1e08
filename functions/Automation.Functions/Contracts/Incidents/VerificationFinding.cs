using System.Text.Json;

namespace Automation.Functions.Contracts.Incidents;

/// <summary><c>{"verifiedAt": "...", "mitigated": true, "summary": "...", "detail": {...the verify step's output...}}</c></summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerificationFinding(DateTimeOffset? VerifiedAt = null, bool? Mitigated = null, string? Summary = null, JsonElement? Detail = null)
{
    public VerificationRecord ToRecord(string field = "verification") =>
        new(
            IncidentTimestamps.Normalize(StepInput.Required(VerifiedAt, field + ".verifiedAt")),
            StepInput.Required(Mitigated, field + ".mitigated"),
            StepInput.OptionalText(Summary, field + ".summary", StepInput.MaxSummaryLength),
            BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
}
