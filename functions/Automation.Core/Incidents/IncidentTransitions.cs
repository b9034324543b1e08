namespace Automation.Core.Incidents;

/// <summary>
/// The incident lifecycle as data. Live statuses (<c>Open</c>, <c>AwaitingApproval</c>) may move on;
/// final statuses never change again, so a closed incident's record is what happened.
/// </summary>
public static class IncidentTransitions
{
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> Allowed = new()
    {
        [IncidentStatus.Open] =
        [
            IncidentStatus.AwaitingApproval,
            IncidentStatus.Mitigated,
            IncidentStatus.NotMitigated,
            IncidentStatus.NoActionNeeded,
            IncidentStatus.DryRunRecorded,
            IncidentStatus.Refused,
            IncidentStatus.Failed,
            IncidentStatus.Triaged,
        ],

        // Approval granted resumes the run (back to Open, then it is applied and verified);
        // rejected or timed out ends it without acting.
        [IncidentStatus.AwaitingApproval] =
        [
            IncidentStatus.Open,
            IncidentStatus.ApprovalTimedOut,
            IncidentStatus.Refused,
            IncidentStatus.Failed,
        ],
    };

    /// <summary>True for every status that ends the incident.</summary>
    public static bool IsFinal(IncidentStatus status) =>
        status is not (IncidentStatus.Open or IncidentStatus.AwaitingApproval);

    public static bool IsAllowed(IncidentStatus from, IncidentStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The statuses <paramref name="from"/> may move to (empty for final ones).</summary>
    public static IReadOnlyList<IncidentStatus> Targets(IncidentStatus from) =>
        Allowed.TryGetValue(from, out var targets) ? targets : [];
}
