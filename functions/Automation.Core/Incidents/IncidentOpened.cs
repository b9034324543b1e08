namespace Automation.Core.Incidents;

/// <summary>
/// The result of opening: the incident, whether this execution is a duplicate delivery (the
/// incident belongs to another execution, so this one must end without acting), and the table's
/// provisioned→on-demand switches of the last 24 hours for the planner.
/// </summary>
public sealed record IncidentOpened(Incident Incident, bool Duplicate, IReadOnlyList<DateTimeOffset> OnDemandSwitchesLast24h);
