namespace Automation.Functions.Contracts.Incidents;

/// <summary>RecordIncidentStep's output; <see cref="TimelineEntryAdded"/> is false when a retry found its entry already there.</summary>
public sealed record RecordIncidentStepOutput(string IncidentId, IncidentStatus Status, long Version, bool TimelineEntryAdded);
