namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// The approval an operator sent with <c>send-task-success --task-output '{"approvedBy": "alice", "comment": "..."}'</c>,
/// passed on by the state machine.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApprovalFinding(string? ApprovedBy = null, string? Comment = null)
{
    public const int MaxApproverLength = 256;
}
