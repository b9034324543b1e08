namespace Automation.Functions.Contracts.Incidents;

/// <summary>
/// RequestApproval's output (Step Functions discards it while the task waits for its token; it
/// shows in <c>sam local invoke</c>). The commands read the token from the incident item themselves.
/// </summary>
/// <param name="ApproveCommand">What an operator runs to approve (<c>send-task-success</c>).</param>
/// <param name="RejectCommand">What an operator runs to reject (<c>send-task-failure</c>).</param>
public sealed record RequestApprovalOutput(string IncidentId, IncidentStatus Status, DateTimeOffset? ExpiresAt, string ApproveCommand, string RejectCommand);
