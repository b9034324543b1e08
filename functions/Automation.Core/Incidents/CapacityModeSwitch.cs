namespace Automation.Core.Incidents;

/// <summary>A capacity-mode change the workflow made to a table, kept so the planner can respect the daily limit.</summary>
public sealed record CapacityModeSwitch(string TableName, DateTimeOffset SwitchedAt, CapacityModeChange Change, string IncidentId);
