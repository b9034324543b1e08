namespace Automation.Core.Incidents.Contracts;

/// <summary>RecordIncidentStep's output; <see cref="TimelineEntryAdded"/> is false when a retry found its entry already there.</summary>
public sealed record RecordIncidentStepOutput(string IncidentId, IncidentStatus Status, long Version, bool TimelineEntryAdded);
