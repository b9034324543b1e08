namespace Automation.Core.Incidents;

/// <summary>The chosen fix: a one-line summary and the planner's full output as opaque JSON.</summary>
public sealed record PlanRecord(string Summary, string? DetailJson);
