namespace Automation.Core.Incidents;

/// <summary>
/// A failure caught by the state machine: the Catch object's <c>Error</c> and <c>Cause</c>, the
/// message taken out of a Lambda cause, and the step that failed when the workflow names it.
/// </summary>
public sealed record FailureRecord(string Error, string? Message, string? Cause, string? Step, DateTimeOffset FailedAt);
