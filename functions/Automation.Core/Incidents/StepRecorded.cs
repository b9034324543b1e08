namespace Automation.Core.Incidents;

/// <summary>The incident after a step was recorded, and whether its timeline entry was new.</summary>
public sealed record StepRecorded(Incident Incident, bool TimelineEntryAdded);
