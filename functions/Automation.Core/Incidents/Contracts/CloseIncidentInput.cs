using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary>
/// CloseIncident's input: <c>{"incidentId", "status": "Mitigated", "verification": {...}, "outcome": "..."}</c>.
/// Mitigated needs a verification that shows it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CloseIncidentInput(string? IncidentId, IncidentStatus? Status, VerificationInput? Verification, string? Outcome)
{
    public (string IncidentId, IncidentStatus Status, VerificationRecord? Verification, string? Outcome) Validate() =>
        (IncidentInputs.IncidentId(IncidentId),
         IncidentInputs.Required(Status, "status"),
         Verification?.ToRecord(),
         IncidentInputs.OptionalText(Outcome, "outcome", IncidentInputs.MaxSummaryLength));
}
