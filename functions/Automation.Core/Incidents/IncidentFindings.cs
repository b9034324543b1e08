namespace Automation.Core.Incidents;

/// <summary>What a step learned, to be set on the incident. Null members leave the record as it is.</summary>
public sealed record IncidentFindings(
    DiagnosisRecord? Diagnosis = null,
    PlanRecord? Plan = null,
    ActionRecord? Action = null,
    VerificationRecord? Verification = null)
{
    public static IncidentFindings None { get; } = new();

    public bool IsEmpty => this == None;
}
