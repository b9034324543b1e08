namespace Automation.Core.Incidents;

/// <summary>The stored incident after an open, and whether this call created it.</summary>
public sealed record IncidentOpening(Incident Incident, bool Created);
