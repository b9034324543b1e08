namespace Automation.Core.Incidents;

/// <summary>The stored incident after an update, and whether anything was written.</summary>
public sealed record IncidentUpdate(Incident Incident, bool Changed);
