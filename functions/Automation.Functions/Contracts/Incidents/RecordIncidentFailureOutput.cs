namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// RecordIncidentFailure's output. It echoes the caught error so that the next state can be
/// <c>{"Type": "Fail", "ErrorPath": "$.error", "CausePath": "$.cause"}</c>: the execution fails visibly.
/// </summary>
/// <param name="Recorded">False when there was no incident to record it in (or it belongs to another execution).</param>
public sealed record RecordIncidentFailureOutput(bool Recorded, string? IncidentId, IncidentStatus? Status, string Error, string Cause);
