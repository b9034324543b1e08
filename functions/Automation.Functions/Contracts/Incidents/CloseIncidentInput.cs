namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// CloseIncident's input: <c>{"incidentId", "status": "Mitigated", "verification": {...}, "outcome": "..."}</c>.
/// Mitigated needs a verification that shows it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CloseIncidentInput(string? IncidentId = null, IncidentStatus? Status = null, VerificationFinding? Verification = null, string? Outcome = null)
{
    public (string IncidentId, IncidentStatus Status, VerificationRecord? Verification, string? Outcome) Validate() =>
        (StepInput.IncidentId(IncidentId),
         StepInput.Required(Status, "status"),
         Verification?.ToRecord(),
         StepInput.OptionalText(Outcome, "outcome", StepInput.MaxSummaryLength));
}
