namespace Automation.Functions.Contracts.Incidents;

/// <summary>CloseIncident's output; <see cref="AlreadyClosed"/> is true when a retry found it closed the same way.</summary>
public sealed record CloseIncidentOutput(
    string IncidentId,
    IncidentStatus Status,
    DateTimeOffset? ClosedAt,
    long? TimeToMitigateMs,
    int ActionsApplied,
    string? DiagnosisKind,
    string ConsoleUrl,
    bool AlreadyClosed);
