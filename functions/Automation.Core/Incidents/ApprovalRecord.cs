namespace Automation.Core.Incidents;

/// <summary>
/// An approval request and its answer. While the incident is <c>AwaitingApproval</c>,
/// <paramref name="TaskToken"/> is what an operator passes to
/// <c>aws stepfunctions send-task-success</c>; it is cleared once the wait is over.
/// </summary>
/// <param name="RequestedAt">When the approval step started.</param>
/// <param name="TaskToken">The waiting task's token, or null once answered or ended.</param>
/// <param name="ExpiresAt">When the waiting step times out, if known.</param>
/// <param name="ApprovedBy">Who approved, once approved.</param>
/// <param name="ApprovedAt">When the approval was recorded.</param>
/// <param name="Comment">The approver's comment.</param>
public sealed record ApprovalRecord(
    DateTimeOffset RequestedAt,
    string? TaskToken,
    DateTimeOffset? ExpiresAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? Comment);
