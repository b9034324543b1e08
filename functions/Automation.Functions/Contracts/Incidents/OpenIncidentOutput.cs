namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// OpenIncident's output. When <see cref="Duplicate"/> is true the incident belongs to another
/// execution (a repeated delivery of the same alarm event) and this execution must end without acting.
/// </summary>
/// <param name="IncidentId">The incident every later step names.</param>
/// <param name="Duplicate">Another execution already owns this trigger's incident.</param>
/// <param name="Status">The incident's status (for a duplicate: the owner's progress).</param>
/// <param name="OpenedAt">When the owning execution started.</param>
/// <param name="DryRun">The trigger asked for plan-and-record only.</param>
/// <param name="ExecutionArn">The owning execution.</param>
/// <param name="ConsoleUrl">The owning execution in the Step Functions console.</param>
/// <param name="OnDemandSwitchesLast24h">The table's provisioned→on-demand switches in the last 24 h (limit: 4).</param>
public sealed record OpenIncidentOutput(
    string IncidentId,
    bool Duplicate,
    IncidentStatus Status,
    DateTimeOffset OpenedAt,
    bool DryRun,
    string ExecutionArn,
    string ConsoleUrl,
    IReadOnlyList<DateTimeOffset> OnDemandSwitchesLast24h);
