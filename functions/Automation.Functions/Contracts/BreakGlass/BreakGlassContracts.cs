using System.Text.Json;
using Automation.Functions.Contracts.Incidents;

namespace Automation.Functions.Contracts.BreakGlass;

/// <summary><c>StartAccessRequest</c>'s input: the request id (the execution's name) and the execution.</summary>
/// <param name="RequestId">The recorded request.</param>
/// <param name="ExecutionArn">The break-glass execution (recorded).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StartAccessRequestInput(string RequestId, string ExecutionArn);

/// <summary>What the break-glass workflow needs to know of the request for its choices and messages.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Requester">The verified requester.</param>
/// <param name="Segment">The segment.</param>
/// <param name="Table">Its table.</param>
/// <param name="Reason">Why.</param>
/// <param name="Emergency">True: an allowed emergency, proceeding without approval.</param>
/// <param name="Writes">True when a write action is asked for.</param>
/// <param name="ApprovalsNeeded">Approvals needed (0 for an allowed emergency).</param>
/// <param name="ApprovalTimeoutSeconds">How long the approval wait lasts (the segment's approvalTimeoutMinutes).</param>
public sealed record AccessRequestSummary(
    string RequestId, string Requester, string Segment, string Table, string Reason, bool Emergency, bool Writes, int ApprovalsNeeded, int ApprovalTimeoutSeconds);

/// <summary><c>AwaitAccessDecision</c>'s input (a <c>.waitForTaskToken</c> task): store the token on the request.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Kind">approval or hold.</param>
/// <param name="TaskToken">The waiting task's token.</param>
/// <param name="TimeoutSeconds">When the wait times out (for the record).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AwaitAccessDecisionInput(string RequestId, string Kind, string TaskToken, int TimeoutSeconds);

/// <summary>The stored wait (the task's own result comes from SendTaskSuccess).</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Status">Its status.</param>
/// <param name="WaitsUntil">When the wait times out.</param>
public sealed record AwaitAccessDecisionOutput(string RequestId, string Status, DateTimeOffset WaitsUntil);

/// <summary><c>PrepareGrant</c>'s input.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="StateMachineArn">The running state machine (its partition, region and account make the ARNs).</param>
/// <param name="ContinuousBackups">DescribeContinuousBackups' <c>ContinuousBackupsDescription</c>, fresh.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PrepareGrantInput(string RequestId, string StateMachineArn, JsonElement? ContinuousBackups = null);

/// <summary><c>PrepareExtension</c>'s input.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="StateMachineArn">As for <see cref="PrepareGrantInput"/>.</param>
/// <param name="Extension">The approved extension's number.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PrepareExtensionInput(string RequestId, string StateMachineArn, int Extension);

/// <summary>
/// The grant as the IAM SDK integrations take it (createRole, putRolePolicy, tagRole, updateRole), with the hold's
/// length. <see cref="Extended"/> is false when an extension was refused: the grant stays as it was.
/// </summary>
/// <param name="RoleName">The role's name.</param>
/// <param name="RolePath">The break-glass path.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="PolicyName">The inline policy's name.</param>
/// <param name="PolicyDocument">The inline policy (compact JSON text).</param>
/// <param name="TrustPolicyDocument">The trust policy (compact JSON text).</param>
/// <param name="MaxSessionDurationSeconds">MaxSessionDuration (3,600–43,200).</param>
/// <param name="Tags">request id, expiry, requester.</param>
/// <param name="Description">The role's description.</param>
/// <param name="ExpiresAt">The grant's expiry.</param>
/// <param name="HoldSeconds">Seconds from now to the expiry (the hold's timeout, at least 1).</param>
/// <param name="Extended">PrepareExtension: whether the expiry moved.</param>
public sealed record PreparedGrant(
    string RoleName,
    string RolePath,
    string RoleArn,
    string PolicyName,
    string PolicyDocument,
    string TrustPolicyDocument,
    int MaxSessionDurationSeconds,
    IReadOnlyList<IamTag> Tags,
    string Description,
    DateTimeOffset ExpiresAt,
    int HoldSeconds,
    bool Extended);

/// <summary>An IAM tag, in the SDK's own casing (the integrations pass it through).</summary>
/// <param name="Key">Tag key.</param>
/// <param name="Value">Tag value.</param>
public sealed record IamTag([property: JsonPropertyName("Key")] string Key, [property: JsonPropertyName("Value")] string Value);

/// <summary><c>RecordAccessOutcome</c>'s input: one step of a request's life to record.</summary>
/// <param name="RequestId">The request (null: a role the sweeper found with no request; nothing to record).</param>
/// <param name="Event">granted, extended, expired, rejected, revoked, revokeFailed or failed.</param>
/// <param name="Cause">For revoked / revokeFailed: Expiry, Done, Failure, StoppedRun or Sweeper.</param>
/// <param name="RoleName">The role revoked.</param>
/// <param name="ExecutionArn">The run that did it.</param>
/// <param name="FailedStep">For failed / revokeFailed: the state that failed.</param>
/// <param name="Error">For failed / revokeFailed: the Catch's <c>{Error, Cause}</c>.</param>
/// <param name="Extension">For extended: the extension's number.</param>
/// <param name="Detail">Anything else the state passes (kept out of the record).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RecordAccessOutcomeInput(
    string? RequestId = null,
    string? Event = null,
    string? Cause = null,
    string? RoleName = null,
    string? ExecutionArn = null,
    string? FailedStep = null,
    StepFunctionsError? Error = null,
    int? Extension = null,
    JsonElement? Detail = null);

/// <summary>What was recorded; for a failure, the error and its message for the execution's Fail state.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Error">The failure's error name (failed / revokeFailed).</param>
/// <param name="Cause">The failure's message.</param>
public sealed record RecordAccessOutcomeOutput(string? RequestId, string Status, string? Error, string? Cause);

/// <summary><c>PlanRevoke</c>'s input: the revoke run's own input, whatever started it, and the run.</summary>
/// <param name="Input">{requestId, cause}, the sweeper's {roleName, requestId?, cause: Sweeper}, or an execution status change event.</param>
/// <param name="ExecutionArn">The revoke run.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanRevokeInput(JsonElement Input, string ExecutionArn);

/// <summary>What the revoke does.</summary>
/// <param name="RequestId">The request (null: an orphan role).</param>
/// <param name="RoleName">The role to revoke (null: none was ever created).</param>
/// <param name="Cause">Why.</param>
/// <param name="AlreadyRevoked">True: another revoke already finished; nothing to do.</param>
/// <param name="RevokePolicyName">The name of the deny-older-sessions policy.</param>
/// <param name="RevokeSessionsPolicy">Deny everything to sessions issued before now (aws:TokenIssueTime).</param>
public sealed record RevokePlan(string? RequestId, string? RoleName, string Cause, bool AlreadyRevoked, string RevokePolicyName, string RevokeSessionsPolicy);

/// <summary><c>JudgeSweptRole</c>'s input: one role under the path and its tags (listRoleTags).</summary>
/// <param name="RoleName">The role.</param>
/// <param name="Tags">Its tags.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record JudgeSweptRoleInput(string RoleName, IReadOnlyList<IamTag>? Tags = null);

/// <summary>The sweeper's verdict on one role.</summary>
/// <param name="Verdict">Keep or Revoke.</param>
/// <param name="Reason">Why, for the sweep's output and the record.</param>
/// <param name="RequestId">The request from the role's tag, if any.</param>
public sealed record SweepJudgement(string Verdict, string Reason, string? RequestId);
