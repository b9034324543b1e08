using System.Text.Json.Serialization;

namespace Automation.Core.Incidents.Contracts;

/// <summary>
/// The approval an operator sent with <c>send-task-success --task-output '{"approvedBy": "alice", "comment": "..."}'</c>,
/// passed on by the state machine.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApprovalInput(string? ApprovedBy, string? Comment)
{
    public const int MaxApproverLength = 256;
}
