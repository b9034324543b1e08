using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary><c>{"verifiedAt": "...", "mitigated": true, "summary": "...", "detail": {...the verify step's output...}}</c></summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerificationInput(DateTimeOffset? VerifiedAt, bool? Mitigated, string? Summary, JsonElement? Detail)
{
    public VerificationRecord ToRecord(string field = "verification") =>
        new(
            IncidentTimestamps.Normalize(IncidentInputs.Required(VerifiedAt, field + ".verifiedAt")),
            IncidentInputs.Required(Mitigated, field + ".mitigated"),
            IncidentInputs.OptionalText(Summary, field + ".summary", IncidentInputs.MaxSummaryLength),
            BoundedJson.From(Detail, BoundedJson.IncidentFieldBytes));
}
